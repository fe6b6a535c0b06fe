package org.geocsp.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import of tensors into a model did, by tensor name.
 *
 * @param loaded model parameters (reference names) that received values
 * @param missing model parameters the file did not provide
 * @param unexpected file tensors that match no parameter
 * @param mismatched file tensors whose shape or type does not fit, each with both shapes
 * @param ignored file tensors deliberately skipped (known reference tensors without a counterpart,
 *     such as {@code user_emb}, and aliases of tensors already loaded)
 */
public record ImportReport(List<String> loaded, List<String> missing, List<String> unexpected,
        List<String> mismatched, List<String> ignored) {

    public ImportReport {
        loaded = List.copyOf(loaded);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        mismatched = List.copyOf(mismatched);
        ignored = List.copyOf(ignored);
    }

    /** True if every parameter was loaded and nothing in the file was left unexplained. */
    public boolean isComplete() {
        return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty();
    }

    /** Every problem in words, one entry per kind, naming the tensors. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!missing.isEmpty()) {
            p.add(missing.size() + " parameter(s) missing from the file: " + String.join(", ", missing));
        }
        if (!unexpected.isEmpty()) {
            p.add(unexpected.size() + " tensor(s) in the file match no parameter of the model: "
                    + String.join(", ", unexpected));
        }
        if (!mismatched.isEmpty()) {
            p.add(mismatched.size() + " tensor(s) do not fit: " + String.join("; ", mismatched));
        }
        return p;
    }
}
