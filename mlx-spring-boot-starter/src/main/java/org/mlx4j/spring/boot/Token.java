package org.mlx4j.spring.boot;

/**
 * One generated token: its id and the text it completes (empty while a character or a possible stop string is
 * still incomplete). The text held back until the end (an incomplete stop string that never completed) comes
 * last with id -1.
 *
 * @param id the token id
 * @param text the newly completed text
 */
public record Token(int id, String text) {}
