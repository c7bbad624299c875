package org.osprey.ui.alerts;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.notifications.NotificationPopup;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.osprey.detect.Alert;
import org.osprey.detect.Severity;
import org.osprey.detect.engine.AlertStore;
import org.osprey.detect.engine.AlertStore.Entry;
import org.osprey.ui.UiRefresher;
import org.osprey.ui.alerts.internal.AlertColumn;
import org.osprey.ui.alerts.internal.ToastThrottle;
import org.osprey.ui.preferences.OspreyPreferences;

/**
 * Toast notifications (JFace notification popups) for new alerts at or above the configured severity (Window >
 * Preferences > Alerts, default HIGH), rate-limited by a {@link ToastThrottle}: at most N toasts in any
 * {@value OspreyPreferences#TOAST_WINDOW_SECONDS} seconds, and beyond that one summary toast "N more alerts", so a
 * flood of alerts cannot flood the screen. Clicking a toast activates the Alerts view and shows the alert there (the
 * summary's click shows the newest alert it counts).
 * <p>
 * An e4 addon (model fragment), so toasts come whether the Alerts view is open or not. The store only marks it dirty;
 * new alerts are looked at on the {@link UiRefresher}'s tick. Alerts that were in the store before the addon started
 * get no toast.
 */
public final class AlertToasts {

    /** How long a toast stays, in milliseconds. */
    public static final long TOAST_MILLIS = 8_000;

    /** A toast shown: the alert it is about (for a summary: the newest it counts), and its texts. */
    public record Toast(long alertId, String title, String text, boolean summary, Shell shell) {
    }

    private static final int GAP = 6;

    @Inject
    UiRefresher refresher;

    @Inject
    IEventBroker eventBroker;

    @Inject
    @Optional
    EPartService partService;

    private final OspreyPreferences preferences = new OspreyPreferences();
    private final AlertStore.Listener storeListener = this::storeChanged;
    private final List<Toast> history = new ArrayList<>();
    private final Runnable flushHeld = this::flushHeld;
    private OspreyPreferences.Registration preferencesListener;
    private Display display;
    /** Injected again on whatever thread the service comes or goes on, read on the UI thread. */
    private volatile AlertStore store;
    private UiRefresher.Registration registration;
    private ToastThrottle throttle;
    private long lastSeenId = -1;
    private boolean flushScheduled;

    @PostConstruct
    public void start() {
        display = Display.getCurrent() != null ? Display.getCurrent() : Display.getDefault();
        throttle = newThrottle();
        registration = refresher.register(this::showNewAlerts);
        preferencesListener = preferences.addListener(key -> {
            if (OspreyPreferences.TOAST_LIMIT.equals(key)) {
                display.asyncExec(() -> throttle = newThrottle());
            }
        });
        if (store != null) {
            listenTo(store);
        }
    }

    @PreDestroy
    public void stop() {
        preferencesListener.close();
        if (store != null) {
            store.removeListener(storeListener);
        }
        registration.unregister();
        if (!display.isDisposed()) {
            display.timerExec(-1, flushHeld);
        }
    }

    /** The client's alert store, a DS service: injected again (null) when it goes and when it comes back. */
    @Inject
    @Optional
    void setStore(AlertStore newStore) {
        if (store == newStore) {
            return;
        }
        if (store != null && registration != null) {
            store.removeListener(storeListener);
        }
        store = newStore;
        if (store != null && registration != null) {
            listenTo(store);
        }
    }

    /** Every toast shown so far, oldest first (UI thread). */
    public List<Toast> shown() {
        return List.copyOf(history);
    }

    /** The toasts on screen now. */
    public List<Toast> open() {
        return history.stream().filter(toast -> !toast.shell().isDisposed()).toList();
    }

    /** Alerts over the limit that wait for the next summary toast. */
    public int held() {
        return throttle.held();
    }

    /** The lowest severity that gets a toast, from the preferences. */
    public Severity minimumSeverity() {
        return Severity.valueOf(preferences.toastMinimumSeverity());
    }

    private void listenTo(AlertStore newStore) {
        List<Entry> held = newStore.entries();
        lastSeenId = held.isEmpty() ? -1 : held.get(held.size() - 1).id(); // no toasts for what came before
        newStore.addListener(storeListener);
    }

    private ToastThrottle newThrottle() {
        return new ToastThrottle(preferences.toastLimit(), OspreyPreferences.TOAST_WINDOW_SECONDS * 1000L);
    }

    /** On the thread that changed the store. */
    private void storeChanged() {
        registration.markDirty();
    }

    /** A refresher tick after the store changed: a toast for each new alert that deserves one, within the limit. */
    private void showNewAlerts() {
        AlertStore current = store;
        if (current == null) {
            return;
        }
        List<Entry> entries = current.entriesAfter(lastSeenId);
        if (entries.isEmpty()) {
            List<Entry> held = current.entries(); // a store that numbers afresh after a clear
            if (held.isEmpty() || held.get(held.size() - 1).id() >= lastSeenId) {
                return;
            }
            entries = held;
        }
        lastSeenId = entries.get(entries.size() - 1).id();
        if (!preferences.alertToasts()) {
            return;
        }
        Severity minimum = minimumSeverity();
        for (Entry entry : entries) {
            if (!entry.alert().severity().isAtLeast(minimum)) {
                continue;
            }
            if (throttle.offer(entry.id(), System.currentTimeMillis()) == ToastThrottle.Decision.SHOW) {
                Alert alert = entry.alert();
                open(new Toast(entry.id(), alert.severity() + ": " + alert.signature(), text(alert), false, null));
            } else {
                scheduleFlush();
            }
        }
    }

    private static String text(Alert alert) {
        String source = AlertColumn.endpoint(alert.sourceAddress(), alert.sourcePort());
        String destination = AlertColumn.endpoint(alert.destinationAddress(), alert.destinationPort());
        String hosts;
        if (source.isEmpty()) {
            hosts = destination.isEmpty() ? "" : "\nto " + destination;
        } else {
            hosts = "\n" + source + (destination.isEmpty() ? "" : " \u2192 " + destination);
        }
        return alert.message() + hosts;
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            long delay = Math.max(1, throttle.nextSlotAt() - System.currentTimeMillis());
            display.timerExec((int) Math.min(Integer.MAX_VALUE, delay), flushHeld);
        }
    }

    /** A toast slot freed up: one summary toast for the alerts held since. */
    private void flushHeld() {
        flushScheduled = false;
        long newest = throttle.heldNewestId();
        int count = throttle.takeSummary(System.currentTimeMillis());
        if (count > 0) {
            open(new Toast(newest, count == 1 ? "1 more alert" : String.format("%,d more alerts", count),
                    "More alerts came than toasts may show; every one is in the Alerts view.", true, null));
        } else if (throttle.held() > 0) {
            scheduleFlush();
        }
    }

    private void open(Toast request) {
        NotificationPopup popup = NotificationPopup.forDisplay(display)
                .title(request.title(), true)
                .content(parent -> content(parent, request))
                .delay(TOAST_MILLIS)
                .fadeIn(false)
                .build();
        popup.open();
        Shell shell = popup.getShell();
        stackAboveOpenToasts(shell);
        history.add(new Toast(request.alertId(), request.title(), request.text(), request.summary(), shell));
    }

    private Control content(Composite parent, Toast toast) {
        Composite area = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(area);
        Label text = new Label(area, SWT.WRAP);
        text.setText(toast.text());
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(text);
        Label hint = new Label(area, SWT.NONE);
        hint.setText("Click to show it in the Alerts view");
        hint.setForeground(area.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DISABLED_FOREGROUND));
        for (Control control : new Control[] { area, text, hint }) {
            control.addListener(SWT.MouseUp, event -> clicked(toast.alertId(), control.getShell()));
            control.setCursor(area.getDisplay().getSystemCursor(SWT.CURSOR_HAND));
        }
        return area;
    }

    /** New toasts go above the ones still open, so none hides another. */
    private void stackAboveOpenToasts(Shell shell) {
        Rectangle bounds = shell.getBounds();
        int top = bounds.y;
        for (Toast toast : open()) {
            top = Math.min(top, toast.shell().getBounds().y - bounds.height - GAP);
        }
        if (top != bounds.y && top >= 0) {
            shell.setLocation(bounds.x, top);
        }
    }

    /** Activates the Alerts view (when there is a workbench) and asks it to show the alert. */
    private void clicked(long alertId, Shell toastShell) {
        if (partService != null) {
            MPart part = partService.showPart(AlertsPart.PART_ID, PartState.ACTIVATE);
            if (part == null) {
                return;
            }
        }
        eventBroker.send(AlertsPart.SHOW_TOPIC, alertId);
        if (!toastShell.isDisposed()) {
            toastShell.close();
        }
    }
}
