/**
 * Sentence embeddings: BERT-family encoders ({@link org.mlx4j.lm.embed.BertModel}) loaded from Hugging Face
 * directories or ONNX files ({@link org.mlx4j.lm.embed.OnnxModel}), pooling ({@link org.mlx4j.lm.embed.Pooling})
 * and the {@link org.mlx4j.lm.embed.Embedder} that batches texts through them.
 */
package org.mlx4j.lm.embed;
