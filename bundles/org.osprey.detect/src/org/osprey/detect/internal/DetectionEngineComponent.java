package org.osprey.detect.internal;

import java.lang.System.Logger.Level;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osprey.detect.Detector;
import org.osprey.detect.engine.DetectionEngine;

/**
 * The engine as an OSGi service: it runs every {@link Detector} service, as they come and go. Its budgets are
 * {@link EngineBudgets#DEFAULTS}, changed by the framework (or system) properties {@value #STALL_MILLIS},
 * {@value #SLOW_MICROS} and {@value #SLOW_PACKETS}.
 */
@Component(service = DetectionEngine.class)
public final class DetectionEngineComponent extends Engine {

    /** Milliseconds a call into a detector may take before it is taken for a spin. */
    public static final String STALL_MILLIS = "osprey.detect.stall.millis";
    /** Microseconds per packet a detector may spend on average. */
    public static final String SLOW_MICROS = "osprey.detect.slow.micros";
    /** Packets that average is taken over. */
    public static final String SLOW_PACKETS = "osprey.detect.slow.packets";

    private static final System.Logger LOG = System.getLogger(DetectionEngineComponent.class.getName());

    @Activate
    public DetectionEngineComponent(BundleContext context) {
        super(budgets(context));
    }

    private static EngineBudgets budgets(BundleContext context) {
        EngineBudgets defaults = EngineBudgets.DEFAULTS;
        try {
            long stall = property(context, STALL_MILLIS, defaults.stallNanos() / 1_000_000) * 1_000_000;
            long slow = property(context, SLOW_MICROS, defaults.slowNanosPerPacket() / 1_000) * 1_000;
            long window = property(context, SLOW_PACKETS, defaults.slowWindowPackets());
            return defaults.withStallNanos(stall).withSlowBudget(slow, (int) Math.min(window, Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "detection engine budgets: " + e.getMessage() + "; using the defaults");
            return defaults;
        }
    }

    private static long property(BundleContext context, String key, long defaultValue) {
        String text = context.getProperty(key);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + text + "'");
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindDetector")
    void bindDetector(Detector detector) {
        addDetector(detector);
    }

    void unbindDetector(Detector detector) {
        removeDetector(detector);
    }

    @Deactivate
    void deactivate() {
        shutdown();
    }
}
