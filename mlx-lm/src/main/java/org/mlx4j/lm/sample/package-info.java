/**
 * Token samplers over logits, as mlx-lm's {@code sample_utils}: {@link org.mlx4j.lm.sample.Sampler}.
 */
package org.mlx4j.lm.sample;
