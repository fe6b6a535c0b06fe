package org.geocsp.knime.prefs;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.geocsp.core.runtime.DeviceChoice;
import org.geocsp.knime.config.RuntimePreferences;
import org.geocsp.knime.util.GeoCspRuntime;

/**
 * The GeoCSP preference page (KNIME preferences): device, libtorch folder, cache folder and
 * PyTorch threads. The engine starts once per KNIME session, so changes apply after a restart.
 */
public final class GeoCspPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public GeoCspPreferencePage() {
        super(GRID);
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, GeoCspRuntime.PREFERENCE_QUALIFIER));
        setDescription("Where GeoCSP runs its PyTorch computations. The engine starts once per KNIME session:"
            + " changes take effect after a restart of KNIME.");
    }

    @Override
    public void init(final IWorkbench workbench) {
        // nothing to do
    }

    @Override
    protected void createFieldEditors() {
        addField(new DeviceFieldEditor(getFieldEditorParent()));
        addField(new DirectoryFieldEditor(RuntimePreferences.KEY_LIBTORCH_FOLDER,
            "Libtorch folder (CUDA build of libtorch 2.7.1, lib folder; empty = bundled CPU libraries):",
            getFieldEditorParent()));
        addField(new DirectoryFieldEditor(RuntimePreferences.KEY_CACHE_FOLDER,
            "Cache folder for the PyTorch libraries (empty = ~/.djl.ai):", getFieldEditorParent()));
        IntegerFieldEditor threads = new IntegerFieldEditor(RuntimePreferences.KEY_INTRA_OP_THREADS,
            "PyTorch threads (0 = one per core):", getFieldEditorParent());
        threads.setValidRange(0, 1024);
        addField(threads);
    }

    /** A text field accepting auto, cpu or gpuN. */
    private static final class DeviceFieldEditor extends StringFieldEditor {
        DeviceFieldEditor(final org.eclipse.swt.widgets.Composite parent) {
            super(RuntimePreferences.KEY_DEVICE, "Device (auto, cpu, gpu0, gpu1, ...):", parent);
            setEmptyStringAllowed(false);
        }

        @Override
        protected boolean doCheckState() {
            try {
                DeviceChoice.parse(getStringValue());
                return true;
            } catch (IllegalArgumentException e) {
                setErrorMessage(e.getMessage());
                return false;
            }
        }
    }
}
