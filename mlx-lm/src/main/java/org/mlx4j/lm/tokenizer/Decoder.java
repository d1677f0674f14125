package org.mlx4j.lm.tokenizer;

import java.util.List;

/**
 * A tokenizer.json {@code decoder}: turns the tokens of some ids back into text pieces (HF {@code decode_chain});
 * the text is their concatenation.
 */
@FunctionalInterface
interface Decoder {
    List<String> decodeChain(List<String> tokens);
}
