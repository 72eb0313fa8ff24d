package org.creditlab.rules.pepita;

/**
 * When the factors B_ℓ of F are trained by weight mirroring (Akrout et al. 2019, as applied by Srinivasan et al.
 * 2024): on every batch of the first {@code preMirrorEpochs} epochs, during which the forward weights get no PEPITA
 * update, and on every batch of each epoch e (zero-based) with (e + 1) divisible by {@code every}. The mirror's
 * learning rate and decay λ_WM are those of the experiment's "feedback" optimizer (SGD with weight decay).
 *
 * @param preMirrorEpochs epochs of mirroring alone at the start
 * @param every           mirror in every epoch e with (e + 1) % every == 0; 0 for never after the pre-mirror
 * @param noiseStd        the mirror's input noise ξ ~ N(0, noiseStd²) (0.1 in the code), minus its mean
 * @param rescale         after each mirror step, rescale all B_ℓ by one common factor so that std(F) is s·√(2/d)
 */
public record MirrorSchedule(int preMirrorEpochs, int every, double noiseStd, boolean rescale) {

    public MirrorSchedule {
        if (preMirrorEpochs < 0 || every < 0 || !(noiseStd > 0)) {
            throw new IllegalArgumentException("mirror schedule: epochs must be >= 0 and the noise std > 0");
        }
    }

    public static MirrorSchedule never() {
        return new MirrorSchedule(0, 0, 0.1, true);
    }

    /** The code's noise (0.1) and rescaling, on the given schedule. */
    public static MirrorSchedule of(int preMirrorEpochs, int every) {
        return new MirrorSchedule(preMirrorEpochs, every, 0.1, true);
    }

    /** Whether mirroring ever runs. */
    public boolean ever() {
        return preMirrorEpochs > 0 || every > 0;
    }

    /** Whether epoch {@code epoch} (zero-based) is a pre-mirror epoch: mirroring only, no PEPITA update. */
    public boolean preMirror(int epoch) {
        return epoch < preMirrorEpochs;
    }

    /** Whether the B_ℓ are mirrored on the batches of epoch {@code epoch}. */
    public boolean active(int epoch) {
        return preMirror(epoch) || (every > 0 && (epoch + 1) % every == 0);
    }
}
