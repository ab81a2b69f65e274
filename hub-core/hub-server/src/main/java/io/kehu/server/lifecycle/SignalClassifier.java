package io.kehu.server.lifecycle;

import io.kehu.search.InteractionDoc;
import io.kehu.server.lifecycle.LifecycleModel.Matcher;
import io.kehu.server.lifecycle.LifecycleModel.Signals;

import java.util.List;

/** Says which signal an interaction is, by the model's matchers. A negative one is never positive. */
final class SignalClassifier {

    private final Signals signals;

    SignalClassifier(Signals signals) {
        this.signals = signals;
    }

    boolean reply(InteractionDoc i) {
        return any(signals.reply(), i);
    }

    boolean quote(InteractionDoc i) {
        return any(signals.quote(), i);
    }

    boolean contract(InteractionDoc i) {
        return any(signals.contract(), i);
    }

    boolean purchase(InteractionDoc i) {
        return any(signals.purchase(), i);
    }

    boolean negative(InteractionDoc i) {
        return any(signals.negative(), i);
    }

    boolean positive(InteractionDoc i) {
        return !negative(i) && any(signals.positive(), i);
    }

    boolean ignored(InteractionDoc i) {
        return any(signals.ignored(), i);
    }

    private static boolean any(List<Matcher> matchers, InteractionDoc i) {
        return matchers.stream().anyMatch(m -> m.matches(i.type(), i.details()));
    }
}
