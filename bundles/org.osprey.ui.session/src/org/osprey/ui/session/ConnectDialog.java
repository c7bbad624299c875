package org.osprey.ui.session;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.osprey.session.RemoteAgent;
import org.osprey.session.SessionService;
import org.osprey.transport.client.AgentCertificates;
import org.osprey.ui.preferences.OspreyPreferences;

/**
 * Capture > Connect to Agent…: the agent's address and token, and its certificate's fingerprint to compare with the
 * one the agent printed at start (trust on first use, like ssh). Connect is enabled once the address and token are
 * given and the certificate is either the one recorded for this agent or confirmed by the person.
 */
public final class ConnectDialog extends TitleAreaDialog {

    private static final Duration CERTIFICATE_TIMEOUT = Duration.ofSeconds(5);

    private final SessionService sessions;
    private final RecentAgents recent;

    private Combo address;
    private Text token;
    private Label fingerprint;
    private Button trust;
    private String fetchedFingerprint;
    private String knownFingerprint;
    private RemoteAgent agent;

    public ConnectDialog(Shell parent, SessionService sessions, RecentAgents recent) {
        super(parent);
        this.sessions = sessions;
        this.recent = recent;
    }

    /** The agent to connect to, after OK. */
    public RemoteAgent agent() {
        return agent;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Connect to Agent");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Connect to a capture agent");
        setMessage("The agent prints its address, certificate fingerprint and token file when it starts.");
        Composite form = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(form);
        GridLayoutFactory.swtDefaults().numColumns(3).margins(10, 10).applyTo(form);

        new Label(form, SWT.NONE).setText("&Address:");
        address = new Combo(form, SWT.DROP_DOWN);
        address.setItems(recent.list().toArray(new String[0]));
        address.setText(address.getItemCount() > 0 ? address.getItem(0) : new OspreyPreferences().agentUrl());
        GridDataFactory.fillDefaults().grab(true, false).hint(420, SWT.DEFAULT).applyTo(address);
        Button check = new Button(form, SWT.PUSH);
        check.setText("&Check Certificate");
        check.addListener(SWT.Selection, event -> fetchFingerprint());

        new Label(form, SWT.NONE).setText("&Token:");
        token = new Text(form, SWT.BORDER | SWT.PASSWORD);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(token);
        Button fromFile = new Button(form, SWT.PUSH);
        fromFile.setText("From &File…");
        fromFile.addListener(SWT.Selection, event -> readTokenFile());

        new Label(form, SWT.NONE).setText("Certificate:");
        fingerprint = new Label(form, SWT.WRAP);
        fingerprint.setText("not checked yet");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).hint(420, SWT.DEFAULT).applyTo(fingerprint);

        new Label(form, SWT.NONE);
        trust = new Button(form, SWT.CHECK);
        trust.setText("I compared this fingerprint with the agent's: &trust it");
        trust.setEnabled(false);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(trust);

        address.addListener(SWT.Modify, event -> {
            fetchedFingerprint = null;
            knownFingerprint = null;
            fingerprint.setText("not checked yet");
            trust.setSelection(false);
            trust.setEnabled(false);
            validate();
        });
        token.addListener(SWT.Modify, event -> validate());
        trust.addListener(SWT.Selection, event -> validate());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Connect", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        validate();
    }

    /** The address as typed, or {@code null} when it is not a wss:// URI. */
    private URI typedAddress() {
        try {
            URI uri = new URI(address.getText().strip());
            return "wss".equals(uri.getScheme()) && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private void fetchFingerprint() {
        URI uri = typedAddress();
        if (uri == null) {
            validate();
            return;
        }
        String[] result = new String[2];
        BusyIndicator.showWhile(getShell().getDisplay(), () -> {
            try {
                result[0] = AgentCertificates.fetchFingerprint(uri, CERTIFICATE_TIMEOUT);
            } catch (IOException e) {
                result[1] = e.getMessage();
            }
        });
        fetchedFingerprint = result[0];
        knownFingerprint = sessions.knownFingerprint(uri);
        if (fetchedFingerprint == null) {
            fingerprint.setText("cannot reach the agent: " + result[1]);
            trust.setEnabled(false);
        } else if (knownFingerprint == null) {
            fingerprint.setText("SHA-256 " + fetchedFingerprint + "\nFirst connection to this agent: compare the"
                    + " fingerprint with the one the agent printed.");
            trust.setEnabled(true);
        } else if (knownFingerprint.equals(fetchedFingerprint)) {
            fingerprint.setText("SHA-256 " + fetchedFingerprint + "\nThe certificate recorded for this agent.");
            trust.setEnabled(false);
        } else {
            fingerprint.setText("THE AGENT'S CERTIFICATE HAS CHANGED\nnow:      " + fetchedFingerprint
                    + "\nrecorded: " + knownFingerprint + "\nIf the agent was not given a new certificate on purpose,"
                    + " someone may be in between. Remove the old entry from known_agents to trust the new one.");
            trust.setEnabled(false);
        }
        fingerprint.getParent().layout(true);
        getShell().pack();
        validate();
    }

    private void readTokenFile() {
        FileDialog files = new FileDialog(getShell(), SWT.OPEN);
        files.setText("Agent Token File");
        String chosen = files.open();
        if (chosen == null) {
            return;
        }
        try {
            token.setText(Files.readString(Path.of(chosen)).strip());
        } catch (IOException e) {
            setErrorMessage("Cannot read " + chosen + ": " + e.getMessage());
        }
    }

    private void validate() {
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok == null || address == null) {
            return;
        }
        String error = null; // something wrong
        String next = null; // the next step, not an error yet
        URI uri = typedAddress();
        if (uri == null) {
            error = "The address looks like wss://host:7443/osprey";
        } else if (knownFingerprint != null && fetchedFingerprint != null && !knownFingerprint.equals(fetchedFingerprint)) {
            error = "The agent's certificate has changed: not connecting.";
        } else if (token.getText().isBlank()) {
            next = "Give the agent's token (its token file is named when the agent starts).";
        } else if (fetchedFingerprint == null) {
            next = "Check the agent's certificate.";
        } else if (knownFingerprint == null && !trust.getSelection()) {
            next = "Compare the fingerprint with the one the agent printed, then trust it.";
        }
        setErrorMessage(error);
        setMessage(next != null ? next : "Ready to connect.", next != null ? IMessageProvider.INFORMATION
                : IMessageProvider.NONE);
        ok.setEnabled(error == null && next == null);
    }

    @Override
    protected void okPressed() {
        URI uri = typedAddress();
        agent = new RemoteAgent(uri, token.getText().strip(), fetchedFingerprint);
        recent.remember(uri);
        super.okPressed();
    }
}
