package org.mlx4j.core.graph;

/** Cumulative ops, evaluated by the {@code Scan} primitive. */
public enum ScanOp { SUM, PROD, MAX, MIN, LOGADDEXP }
