package org.mlx4j.core;

import java.util.List;
import java.util.Map;

/**
 * A function of trees of arrays, positional and named, as {@link Mx#valueAndGrad(TreeFn, int[], String...)}
 * differentiates it (Python's {@code f(*args, **kwargs)}). A tree is an {@link Array}, or a {@link Map},
 * {@link List}, {@code Object[]}, record or {@link TreeLike} of trees (see {@link org.mlx4j.utils.Tree});
 * arguments that are not differentiated may be anything.
 */
@FunctionalInterface
public interface TreeFn {
    /**
     * Calls the function.
     *
     * @param args the positional arguments
     * @param kwargs the named arguments
     * @return a scalar array, or a {@link List} whose first element is a scalar array (the value that is
     * differentiated) followed by anything else (auxiliary outputs)
     */
    Object apply(List<Object> args, Map<String, Object> kwargs);
}
