package org.covidxray.model;

/** Optimisers both engines implement with the same meaning as PyTorch's. */
public enum OptimizerType {
    /** Adam; weight decay is added to the gradient (L2), as {@code torch.optim.Adam}. */
    ADAM,
    /** AdamW; decoupled weight decay, as {@code torch.optim.AdamW}. */
    ADAMW
}
