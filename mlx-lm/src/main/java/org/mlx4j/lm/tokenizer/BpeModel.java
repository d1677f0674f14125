package org.mlx4j.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HF's BPE model: a word starts as its characters (with {@code byte_fallback}, unknown characters as their
 * {@code <0xXX>} byte tokens, else the unknown token, fused when {@code fuse_unk}); then the adjacent pair with the
 * lowest merge rank is merged, leftmost first, until no pair has a merge. {@code ignore_merges} (Llama 3) takes a
 * word that is in the vocabulary as it is. Results of short words are cached, as HF does.
 */
final class BpeModel implements TokenModel {
    private static final int CACHE_CAPACITY = 10_000;
    private static final int CACHE_MAX_WORD = 256;

    private final Vocabulary vocab;
    private final PairTable merges;
    private final int unkId;
    private final boolean fuseUnk;
    private final boolean byteFallback;
    private final boolean ignoreMerges;
    private final String prefix;
    private final String suffix;
    private final int[] charIds = new int[65536];
    private final int[] byteIds = new int[256];
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    BpeModel(ModelSection model) {
        JsonNode node = model.settings();
        vocab = new Vocabulary(model, "BPE model");
        unkId = vocab.optionalId(node.get("unk_token"));
        fuseUnk = node.path("fuse_unk").asBoolean(false);
        byteFallback = node.path("byte_fallback").asBoolean(false);
        ignoreMerges = node.path("ignore_merges").asBoolean(false);
        prefix = textOrNull(node.get("continuing_subword_prefix"));
        suffix = textOrNull(node.get("end_of_word_suffix"));
        if (node.hasNonNull("dropout") && node.get("dropout").asDouble() > 0) {
            throw TokenizerJson.invalid("BPE model", "has dropout " + node.get("dropout") + "; only 0 or null "
                    + "(deterministic encoding) is supported");
        }
        Arrays.fill(charIds, -1);
        for (Map.Entry<String, Integer> e : vocab.ids.entrySet()) {
            String t = e.getKey();
            if (t.length() == 1) charIds[t.charAt(0)] = e.getValue();
        }
        for (int b = 0; b < 256; b++) byteIds[b] = vocab.id(byteToken(b));
        merges = readMerges(model.merges());
    }

    /** The byte-fallback token of byte {@code b}: {@code <0xXX>}, upper-case hex. */
    static String byteToken(int b) {
        String hex = "0123456789ABCDEF";
        return "<0x" + hex.charAt(b >> 4) + hex.charAt(b & 15) + ">";
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText();
    }

    private PairTable readMerges(java.util.List<String[]> list) {
        if (list == null) throw TokenizerJson.invalid("BPE model", "has no \"merges\" array");
        PairTable table = new PairTable(list.size());
        int prefixLength = prefix == null ? 0 : prefix.length();
        int rank = 0;
        for (String[] merge : list) {
            String a;
            String b;
            if (merge.length == 2) {
                a = merge[0];
                b = merge[1];
            } else {
                String line = merge[0];
                int space = line.indexOf(' ');
                if (space < 0 || line.indexOf(' ', space + 1) >= 0) {
                    throw TokenizerJson.invalid("BPE model", "merge " + rank + " is \"" + line
                            + "\"; expected two tokens separated by one space");
                }
                a = line.substring(0, space);
                b = line.substring(space + 1);
            }
            int idA = vocab.id(a);
            int idB = vocab.id(b);
            int merged = vocab.id(a + b.substring(Math.min(prefixLength, b.length())));
            if (idA < 0 || idB < 0 || merged < 0) {
                throw TokenizerJson.invalid("BPE model", "merge " + rank + " (" + a + ", " + b
                        + ") names a token that is not in the vocabulary");
            }
            table.put(idA, idB, rank, merged);
            rank++;
        }
        return table;
    }

    @Override
    public void encode(String word, IntList out) {
        if (ignoreMerges) {
            int whole = vocab.id(word);
            if (whole >= 0) {
                out.add(whole);
                return;
            }
        }
        if (word.length() == 1 && prefix == null && suffix == null && charIds[word.charAt(0)] >= 0) {
            out.add(charIds[word.charAt(0)]);
            return;
        }
        int[] ids = word.length() < CACHE_MAX_WORD ? cache.get(word) : null;
        if (ids == null) {
            ids = merge(word);
            if (word.length() < CACHE_MAX_WORD && cache.size() < CACHE_CAPACITY) cache.put(word, ids);
        }
        out.addAll(ids);
    }

    private int[] merge(String word) {
        IntList symbols = new IntList(word.length());
        int pendingUnk = -1;
        for (int i = 0; i < word.length(); ) {
            int c = word.codePointAt(i);
            int end = i + Character.charCount(c);
            int id = charId(word, i, end);
            if (id >= 0) {
                if (pendingUnk >= 0) {
                    symbols.add(pendingUnk);
                    pendingUnk = -1;
                }
                symbols.add(id);
            } else if (!(byteFallback && addBytes(word.substring(i, end), symbols)) && unkId >= 0) {
                if (pendingUnk >= 0 && !fuseUnk) symbols.add(pendingUnk);
                pendingUnk = unkId;
            }
            i = end;
        }
        if (pendingUnk >= 0) symbols.add(pendingUnk);
        return applyMerges(symbols.toArray());
    }

    private int charId(String word, int start, int end) {
        boolean first = start == 0;
        boolean last = end == word.length();
        if ((prefix == null || first) && (suffix == null || !last) && end - start == 1) {
            return charIds[word.charAt(start)];
        }
        String s = word.substring(start, end);
        if (prefix != null && !first) s = prefix + s;
        if (suffix != null && last) s = s + suffix;
        return vocab.id(s);
    }

    private boolean addBytes(String character, IntList symbols) {
        byte[] bytes = character.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (byte b : bytes) if (byteIds[b & 0xFF] < 0) return false;
        for (byte b : bytes) symbols.add(byteIds[b & 0xFF]);
        return true;
    }

    /** Merges the lowest-ranked adjacent pair (leftmost on ties) until none has a merge. */
    private int[] applyMerges(int[] ids) {
        int n = ids.length;
        if (n < 2) return ids;
        int[] next = new int[n];
        int[] prev = new int[n];
        for (int i = 0; i < n; i++) {
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
        }
        LongHeap heap = new LongHeap(n);
        for (int i = 0; i + 1 < n; i++) pushPair(heap, ids, i, i + 1);
        int alive = n;
        while (!heap.isEmpty()) {
            long top = heap.pop();
            int rank = (int) (top >>> 32);
            int pos = (int) top;
            int right = next[pos];
            if (ids[pos] < 0 || right < 0) continue;
            long merge = merges.get(ids[pos], ids[right]);
            if (merge == PairTable.ABSENT || (int) (merge >>> 32) != rank) continue; // stale entry
            ids[pos] = (int) merge;
            ids[right] = -1;
            int after = next[right];
            next[pos] = after;
            if (after >= 0) prev[after] = pos;
            alive--;
            if (prev[pos] >= 0) pushPair(heap, ids, prev[pos], pos);
            if (after >= 0) pushPair(heap, ids, pos, after);
        }
        int[] result = new int[alive];
        for (int i = 0, k = 0; i >= 0 && k < alive; i = next[i]) result[k++] = ids[i];
        return result;
    }

    private void pushPair(LongHeap heap, int[] ids, int left, int right) {
        long merge = merges.get(ids[left], ids[right]);
        if (merge != PairTable.ABSENT) heap.push(((merge >>> 32) << 32) | left);
    }

    @Override
    public Vocabulary vocab() {
        return vocab;
    }
}
