package org.fargatedsp.loadtest.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * The encoded requests of a run and their weights. Which request goes out as request {@code k} is a
 * function of {@code k} and the seed alone, so any sending thread picks without shared state and a
 * run can be repeated exactly.
 */
public final class Corpus {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private final List<RequestTemplate> templates;
    private final long[] cumulativeWeights;
    private final long seed;

    private Corpus(List<RequestTemplate> templates, long seed) {
        this.templates = List.copyOf(templates);
        this.cumulativeWeights = new long[templates.size()];
        long total = 0;
        for (int i = 0; i < templates.size(); i++) {
            total += templates.get(i).weight();
            cumulativeWeights[i] = total;
        }
        if (total <= 0) {
            throw new CorpusException("the corpus has no request with a weight above 0");
        }
        this.seed = seed;
    }

    /**
     * The built-in or directory corpus plus {@code variants} generated variants, encoded.
     *
     * @param documents what {@link CorpusLoader} read
     */
    public static Corpus of(List<CorpusDocument> documents, int variants, long seed) {
        List<CorpusDocument> all = new ArrayList<>(documents);
        all.addAll(VariantGenerator.generate(documents, variants, seed));
        List<RequestTemplate> templates = new ArrayList<>(all.size());
        for (CorpusDocument document : all) {
            templates.add(RequestTemplate.of(document));
        }
        return new Corpus(templates, seed);
    }

    /** Every template, in the order their weights are laid out. */
    public List<RequestTemplate> templates() {
        return templates;
    }

    /** Position in {@link #templates()} of the template request {@code k} uses. */
    public int pick(long k) {
        long draw = Long.remainderUnsigned(mix(seed + (k + 1) * GOLDEN_GAMMA), cumulativeWeights[cumulativeWeights.length - 1]);
        int low = 0;
        int high = cumulativeWeights.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulativeWeights[mid] > draw) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** SplitMix64's finaliser: spreads consecutive {@code k} evenly over the weights. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
