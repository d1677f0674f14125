package org.mlx4j.core.graph;

/** How a scatter combines an update with the destination element. */
public enum ScatterOp { SET, ADD, PROD, MAX, MIN }
