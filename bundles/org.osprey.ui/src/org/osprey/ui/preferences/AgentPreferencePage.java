package org.osprey.ui.preferences;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.osprey.ui.preferences.OspreyPreferences.EmbeddedSource;

/** Agent: the agent to connect to by default, and the agent the client starts inside itself. */
final class AgentPreferencePage extends OspreyPreferencePage {

    static final String ID = "org.osprey.ui.preferences.agent";

    private Text url;
    private Text tokenFile;
    private Button startEmbedded;
    private final Map<EmbeddedSource, Button> sources = new EnumMap<>(EmbeddedSource.class);

    AgentPreferencePage(OspreyPreferences preferences) {
        super("Agent", "Where packets come from: a remote agent, or an agent started inside the client.", preferences);
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(page);

        new Label(page, SWT.NONE).setText("Default agent &URL:");
        url = new Text(page, SWT.BORDER);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(url);
        url.setText(preferences.agentUrl());
        url.addListener(SWT.Modify, event -> validate());

        new Label(page, SWT.NONE).setText("&Token file:");
        tokenFile = new Text(page, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).hint(260, SWT.DEFAULT).applyTo(tokenFile);
        tokenFile.setText(preferences.agentTokenFile().toString());
        tokenFile.addListener(SWT.Modify, event -> validate());
        Button browse = new Button(page, SWT.PUSH);
        browse.setText("&Browse\u2026");
        browse.addListener(SWT.Selection, event -> browseTokenFile());
        hint(page, "The agent prints its URL and where its token is when it starts (osprey agent).", 3);

        startEmbedded = new Button(page, SWT.CHECK);
        startEmbedded.setText("&Start an agent inside the client at startup and connect to it");
        GridDataFactory.fillDefaults().span(3, 1).indent(0, 8).applyTo(startEmbedded);
        startEmbedded.setSelection(preferences.startEmbeddedAgent());
        startEmbedded.addListener(SWT.Selection, event -> updateSourcesEnabled());
        for (EmbeddedSource source : EmbeddedSource.values()) {
            Button button = new Button(page, SWT.RADIO);
            button.setText(source.label());
            GridDataFactory.fillDefaults().span(3, 1).indent(20, 0).applyTo(button);
            button.setSelection(source == preferences.embeddedSource());
            sources.put(source, button);
        }
        updateSourcesEnabled();
        validate();
        return page;
    }

    private void browseTokenFile() {
        FileDialog dialog = new FileDialog(getShell(), SWT.OPEN);
        dialog.setText("Agent token file");
        Path current = Path.of(tokenFile.getText().strip());
        if (current.getParent() != null) {
            dialog.setFilterPath(current.getParent().toString());
        }
        String chosen = dialog.open();
        if (chosen != null) {
            tokenFile.setText(chosen);
        }
    }

    private void updateSourcesEnabled() {
        for (Button button : sources.values()) {
            button.setEnabled(startEmbedded.getSelection());
        }
    }

    @Override
    protected void performDefaults() {
        url.setText(OspreyPreferences.DEFAULT_AGENT_URL);
        tokenFile.setText(OspreyPreferences.defaultTokenFile().toString());
        startEmbedded.setSelection(OspreyPreferences.DEFAULT_START_EMBEDDED_AGENT);
        sources.forEach((source, button) -> button.setSelection(source == EmbeddedSource.LIVE));
        updateSourcesEnabled();
        super.performDefaults();
    }

    @Override
    protected void store() {
        preferences.setAgentUrl(url.getText());
        preferences.setAgentTokenFile(Path.of(tokenFile.getText().strip()));
        preferences.setStartEmbeddedAgent(startEmbedded.getSelection());
        sources.forEach((source, button) -> {
            if (button.getSelection()) {
                preferences.setEmbeddedSource(source);
            }
        });
    }

    // for UI tests (same package, fragment)
    Text urlText() {
        return url;
    }

    Button startEmbeddedButton() {
        return startEmbedded;
    }

    Button sourceButton(EmbeddedSource source) {
        return sources.get(source);
    }

    private void validate() {
        String problem = urlProblem(url.getText().strip());
        if (problem == null) {
            problem = tokenFileProblem(tokenFile.getText().strip());
        }
        setErrorMessage(problem);
        setValid(problem == null);
    }

    /** Null when the text is a wss://host:port address (the agent speaks TLS only); else what is wrong. */
    static String urlProblem(String text) {
        try {
            URI uri = new URI(text);
            if (!"wss".equalsIgnoreCase(uri.getScheme())) {
                return "The agent URL starts with wss:// (agents speak TLS only).";
            }
            if (uri.getHost() == null) {
                return "The agent URL needs a host, like wss://10.0.0.7:7443/osprey.";
            }
            return null;
        } catch (URISyntaxException e) {
            return "The agent URL is not valid: " + e.getReason() + ".";
        }
    }

    private static String tokenFileProblem(String text) {
        if (text.isEmpty()) {
            return "Name the token file.";
        }
        try {
            Path.of(text);
            return null;
        } catch (InvalidPathException e) {
            return "The token file name is not valid: " + e.getReason() + ".";
        }
    }
}
