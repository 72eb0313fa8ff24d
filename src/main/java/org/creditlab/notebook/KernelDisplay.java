package org.creditlab.notebook;

import java.lang.reflect.Method;

/**
 * Rich display without kernel magics or a compile-time dependency on any kernel: finds the running kernel's display
 * function by reflection. rapaio-jupyter-kernel offers {@code Global.display(mime, object)}; JJava and IJava offer
 * {@code Display.display(object)}, to which a DisplayData carrying HTML and plain text is passed. Outside a kernel (a
 * terminal, a test) nothing is found and the caller falls back to text.
 */
final class KernelDisplay {
    private KernelDisplay() {}

    /** Shows {@code html} as rich output (with {@code text} as the plain alternative); false if no kernel took it. */
    static boolean html(String html, String text) {
        ClassLoader loader = KernelDisplay.class.getClassLoader();
        try {
            Class<?> global = Class.forName("org.rapaio.jupyter.kernel.global.Global", true, loader);
            global.getMethod("display", String.class, Object.class).invoke(null, "text/html", html);
            return true;
        } catch (ReflectiveOperationException | LinkageError ignored) {
            // not rapaio
        }
        String[][] kernels = {
            {"org.dflib.jjava.runtime.Display", "org.dflib.jjava.jupyter.kernel.display.DisplayData"},
            {"io.github.spencerpark.ijava.runtime.Display", "io.github.spencerpark.jupyter.kernel.display.DisplayData"}};
        for (String[] k : kernels) {
            try {
                Class<?> dataClass = Class.forName(k[1], true, loader);
                Object data = dataClass.getConstructor(String.class).newInstance(text);
                dataClass.getMethod("putHTML", String.class).invoke(data, html);
                Method display = Class.forName(k[0], true, loader).getMethod("display", Object.class);
                display.invoke(null, data);
                return true;
            } catch (ReflectiveOperationException | LinkageError ignored) {
                // not this kernel
            }
        }
        return false;
    }
}
