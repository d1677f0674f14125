package org.mlx4j.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Builds the post-processors of tokenizer.json, as HF {@code tokenizers} defines them, for single sequences. */
final class PostProcessors {
    private PostProcessors() {}

    /** The post-processor described by {@code node}, or null for none. */
    static PostProcessor fromJson(JsonNode node) {
        if (node == null || node.isNull()) return null;
        String type = TokenizerJson.type(node, "post_processor");
        return switch (type) {
            case "ByteLevel" -> ids -> ids;
            case "TemplateProcessing" -> template(node);
            case "BertProcessing", "RobertaProcessing" -> {
                int cls = node.path("cls").path(1).asInt(-1);
                int sep = node.path("sep").path(1).asInt(-1);
                if (cls < 0 || sep < 0) throw TokenizerJson.invalid(type, "needs \"cls\" and \"sep\" as [token, id]");
                yield ids -> surround(new int[] {cls}, ids, new int[] {sep});
            }
            case "Sequence" -> {
                List<PostProcessor> parts = new ArrayList<>();
                for (JsonNode item : node.get("processors")) parts.add(fromJson(item));
                yield ids -> {
                    for (PostProcessor p : parts) ids = p.process(ids);
                    return ids;
                };
            }
            default -> throw TokenizerJson.unsupported("post_processor", type,
                    "ByteLevel, TemplateProcessing, BertProcessing, RobertaProcessing, Sequence");
        };
    }

    private static int[] surround(int[] before, int[] ids, int[] after) {
        int[] out = new int[before.length + ids.length + after.length];
        System.arraycopy(before, 0, out, 0, before.length);
        System.arraycopy(ids, 0, out, before.length, ids.length);
        System.arraycopy(after, 0, out, before.length + ids.length, after.length);
        return out;
    }

    /** TemplateProcessing's {@code single} template: special tokens before and after sequence {@code $A}. */
    private static PostProcessor template(JsonNode node) {
        IntList before = new IntList(2);
        IntList after = new IntList(2);
        boolean seenSequence = false;
        for (JsonNode piece : node.path("single")) {
            if (piece.has("Sequence")) {
                seenSequence = true;
                continue;
            }
            String name = piece.path("SpecialToken").path("id").asText(null);
            JsonNode special = node.path("special_tokens").path(name == null ? "" : name);
            if (name == null || !special.has("ids")) {
                throw TokenizerJson.invalid("TemplateProcessing", "template piece " + piece
                        + " names no special token listed in \"special_tokens\"");
            }
            for (JsonNode id : special.get("ids")) (seenSequence ? after : before).add(id.asInt());
        }
        if (!seenSequence) throw TokenizerJson.invalid("TemplateProcessing", "single template has no $A sequence");
        int[] b = before.toArray();
        int[] a = after.toArray();
        return ids -> surround(b, ids, a);
    }
}
