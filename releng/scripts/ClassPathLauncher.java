import org.eclipse.core.runtime.adaptor.EclipseStarter;

/**
 * Starts an Eclipse product's framework straight from the class path, runs its application and exits with the
 * application's exit code: what the Equinox launcher jar does, minus what a short command cannot afford. Equinox's
 * launcher loads the framework through a class loader of its own from a signed jar, so every start verifies the
 * jar's signatures and the JDK's ahead-of-time cache cannot hold the framework's classes. {@code ./osprey analyze}
 * puts an unsigned copy of the framework jar and this class on the class path instead (see use_analyze_launch).
 * {@code EclipseStarter.main} itself would not do: it keeps the framework running after the application ends.
 */
public final class ClassPathLauncher {

    private ClassPathLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Object result = EclipseStarter.run(args, null); // stops the framework when the application returns
        // not an exit code: the application did not run (the framework logged why); 13 as with Equinox's launcher
        System.exit(result instanceof Integer code ? code : 13);
    }
}
