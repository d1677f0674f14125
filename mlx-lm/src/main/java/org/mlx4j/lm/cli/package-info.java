/** The {@code ./mlx4j lm} command line ({@link org.mlx4j.lm.cli.LmCli}). */
package org.mlx4j.lm.cli;
