package org.osprey.ui.export;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.osprey.core.PacketSummary;

/**
 * File > Export Packets: which packets (all, displayed or selected, each with its count; a scope without packets is
 * disabled and says so) and which pcapng file. Replacing an existing file is confirmed. The packet lists are taken
 * from the {@link PacketExportSource} when the dialog is made, so the counts shown are the packets written.
 */
public final class ExportPacketsDialog extends TitleAreaDialog {

    static final String TITLE = "Export Packets";
    static final String REPLACE_TITLE = "Replace file?";
    static final String[] FILTER_EXTENSIONS = { "*.pcapng", "*" };
    static final String[] FILTER_NAMES = { "pcapng files (*.pcapng)", "All files" };

    private final Map<ExportScope, List<PacketSummary>> packets = new EnumMap<>(ExportScope.class);
    private final Map<ExportScope, Button> scopeButtons = new EnumMap<>(ExportScope.class);
    private ExportScope scope;
    private Text fileText;
    private Path file;

    public ExportPacketsDialog(Shell parent, PacketExportSource source) {
        super(parent);
        for (ExportScope s : ExportScope.values()) {
            packets.put(s, List.copyOf(source.packets(s)));
        }
        scope = !packets.get(ExportScope.DISPLAYED).isEmpty() ? ExportScope.DISPLAYED : ExportScope.ALL;
        file = Path.of(System.getProperty("user.home"), "osprey-packets.pcapng");
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(TITLE);
        setMessage("Write packets to a pcapng file that Wireshark, tcpdump and Osprey can open.");
        Composite body = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(body);

        Group scopes = new Group(body, SWT.NONE);
        scopes.setText("Packets");
        GridDataFactory.fillDefaults().span(3, 1).grab(true, false).applyTo(scopes);
        GridLayoutFactory.swtDefaults().applyTo(scopes);
        for (ExportScope s : ExportScope.values()) {
            Button button = new Button(scopes, SWT.RADIO);
            int count = packets.get(s).size();
            button.setText(scopeText(s, count));
            button.setEnabled(count > 0);
            button.setSelection(s == scope);
            button.addListener(SWT.Selection, event -> {
                if (button.getSelection()) {
                    scope = s;
                    validate();
                }
            });
            scopeButtons.put(s, button);
        }

        new Label(body, SWT.NONE).setText("&File:");
        fileText = new Text(body, SWT.BORDER | SWT.SINGLE);
        fileText.setText(file.toString());
        GridDataFactory.fillDefaults().grab(true, false).hint(420, SWT.DEFAULT).applyTo(fileText);
        fileText.addListener(SWT.Modify, event -> validate());
        Button browse = new Button(body, SWT.PUSH);
        browse.setText("&Browse\u2026");
        browse.addListener(SWT.Selection, event -> browse());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Export", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        validate();
    }

    private static String scopeText(ExportScope scope, int count) {
        if (count > 0) {
            return String.format("%s (%,d packet%s)", scope.label(), count, count == 1 ? "" : "s");
        }
        return switch (scope) {
            case ALL -> scope.label() + " (none: the client holds no packets)";
            case DISPLAYED -> scope.label() + " (none: no packet is shown)";
            case SELECTED -> scope.label() + " (none: no packet is selected)";
        };
    }

    private void browse() {
        FileDialog dialog = new FileDialog(getShell(), SWT.SAVE);
        dialog.setText(TITLE);
        dialog.setFilterExtensions(FILTER_EXTENSIONS);
        dialog.setFilterNames(FILTER_NAMES);
        Path current = parsedFile();
        if (current != null && current.getParent() != null) {
            dialog.setFilterPath(current.getParent().toString());
            dialog.setFileName(current.getFileName().toString());
        }
        dialog.setOverwrite(false); // confirmed once, on Export
        String chosen = dialog.open();
        if (chosen != null) {
            fileText.setText(chosen);
        }
    }

    /** The file named in the text field, with .pcapng added when it has no extension; null when unusable. */
    private Path parsedFile() {
        String text = fileText.getText().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.startsWith("~/")) {
            text = System.getProperty("user.home") + text.substring(1);
        }
        try {
            Path path = Path.of(text).toAbsolutePath().normalize();
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            return name.contains(".") ? path : path.resolveSibling(name + ".pcapng");
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private void validate() {
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok == null) {
            return;
        }
        String problem = problem();
        setErrorMessage(problem);
        ok.setEnabled(problem == null);
    }

    private String problem() {
        if (packets.get(scope).isEmpty()) {
            return "There are no packets to export.";
        }
        Path path = parsedFile();
        if (path == null) {
            return "Name the file to write.";
        }
        if (Files.isDirectory(path)) {
            return path + " is a folder: name a file in it.";
        }
        Path folder = path.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return "The folder " + folder + " does not exist.";
        }
        return null;
    }

    @Override
    protected void okPressed() {
        Path path = parsedFile();
        if (path == null || problem() != null) {
            return;
        }
        if (Files.exists(path) && !confirmReplace(path)) {
            return;
        }
        file = path;
        super.okPressed();
    }

    private boolean confirmReplace(Path path) {
        MessageDialog question = new MessageDialog(getShell(), REPLACE_TITLE, null,
                path.getFileName() + " already exists in " + path.getParent() + ".\n\nReplace it with the exported packets?",
                MessageDialog.QUESTION, 1, "&Replace", IDialogConstants.CANCEL_LABEL);
        return question.open() == 0;
    }

    /** The scope chosen (valid after OK). */
    public ExportScope scope() {
        return scope;
    }

    /** The packets of the chosen scope, as counted when the dialog opened. */
    public List<PacketSummary> packets() {
        return packets.get(scope);
    }

    /** The file to write (valid after OK). */
    public Path file() {
        return file;
    }

    // ------------------------------------------------------------------ for UI tests (same package, fragment)

    Button scopeButton(ExportScope s) {
        return scopeButtons.get(s);
    }

    Text fileText() {
        return fileText;
    }

    Button exportButton() {
        return getButton(IDialogConstants.OK_ID);
    }
}
