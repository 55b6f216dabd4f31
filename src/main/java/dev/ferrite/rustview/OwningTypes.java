package dev.ferrite.rustview;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

/** Which Rust type owns an object of an allocation family ({@code owning-types.properties}). */
final class OwningTypes {
    private final Properties props = new Properties();
    private final Set<String> kernelFamilies = new HashSet<>();

    OwningTypes() {
        try (InputStream in = OwningTypes.class.getResourceAsStream("owning-types.properties")) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String f : props.getProperty("kernel.families", "").split(",")) {
            if (!f.isBlank()) kernelFamilies.add(f.trim());
        }
    }

    boolean isKernelFamily(String family) {
        return family != null && kernelFamilies.contains(family);
    }

    /** The owning type for a family, or the default for kernel or user-space code. */
    String owner(String family, boolean kernel) {
        if (family != null) {
            String t = props.getProperty(family.split("\\|")[0]);
            if (t != null) return t;
        }
        return props.getProperty(kernel ? "default.kernel" : "default.user");
    }
}
