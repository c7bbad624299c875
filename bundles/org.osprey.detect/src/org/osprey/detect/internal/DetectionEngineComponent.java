package org.osprey.detect.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osprey.detect.Detector;
import org.osprey.detect.engine.DetectionEngine;

/** The engine as an OSGi service: it runs every {@link Detector} service, as they come and go. */
@Component(service = DetectionEngine.class)
public final class DetectionEngineComponent extends Engine {

    public DetectionEngineComponent() {
        super(EngineBudgets.DEFAULTS);
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
