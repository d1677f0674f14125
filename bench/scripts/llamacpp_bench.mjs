// Prefill and decode speed of llama.cpp's prebuilt CPU binaries (through node-llama-cpp, which ships them) on
// GGUF files, as llama-bench measures them: prefill of N prompt tokens in one batch (tokens/s), and decode of
// N tokens one at a time after a 1-token prompt (tokens/s, greedy). Median of --reps runs. Loading a file is
// also the check that llama.cpp reads what mlx4j wrote. Prints one JSON object per line.
//
//   node llamacpp_bench.mjs NODE_MODULES_DIR --threads 2 --prefill 128,512 --decode 128 --reps 3 FILE.gguf...
import {pathToFileURL} from 'node:url';
import {join} from 'node:path';

const args = process.argv.slice(2);
const modules = args.shift();
const opt = {threads: 2, prefill: [128, 512], decode: 128, reps: 3};
const files = [];
while (args.length) {
  const a = args.shift();
  if (a === '--threads') opt.threads = Number(args.shift());
  else if (a === '--prefill') opt.prefill = args.shift().split(',').map(Number);
  else if (a === '--decode') opt.decode = Number(args.shift());
  else if (a === '--reps') opt.reps = Number(args.shift());
  else files.push(a);
}
const {getLlama, LlamaLogLevel} = await import(pathToFileURL(join(modules, 'node-llama-cpp', 'dist', 'index.js')).href);
const llama = await getLlama({gpu: false, build: 'never', logLevel: LlamaLogLevel.error});
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const file of files) {
  const model = await llama.loadModel({modelPath: file});
  const maxPrefill = Math.max(...opt.prefill);
  const context = await model.createContext({contextSize: maxPrefill + opt.decode + 16, batchSize: maxPrefill, threads: opt.threads});
  const seq = context.getSequence();
  // the same token ids every run (byte tokens, which every byte-level BPE vocabulary has; speed does not depend on them)
  const ids = n => Array.from({length: n}, (_, i) => (i * 7919 + 13) % 256);
  for (const n of opt.prefill) {
    const times = [];
    for (let r = 0; r < opt.reps + 1; r++) {
      await seq.clearHistory();
      const t0 = performance.now();
      await seq.evaluateWithoutGeneratingNewTokens(ids(n));
      const t = (performance.now() - t0) / 1000;
      if (r > 0) times.push(t); // the first run warms up
    }
    console.log(JSON.stringify({file, test: `pp${n}`, tokens_per_s: n / median(times)}));
  }
  const times = [];
  for (let r = 0; r < opt.reps + 1; r++) {
    await seq.clearHistory();
    await seq.evaluateWithoutGeneratingNewTokens(ids(1));
    let count = 0;
    const t0 = performance.now();
    for await (const token of seq.evaluate(ids(1), {temperature: 0})) {
      if (++count >= opt.decode) break;
    }
    const t = (performance.now() - t0) / 1000;
    if (r > 0) times.push(t / count);
  }
  console.log(JSON.stringify({file, test: `tg${opt.decode}`, tokens_per_s: 1 / median(times)}));
  await context.dispose();
  await model.dispose();
}
