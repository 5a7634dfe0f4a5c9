import YAMLDocument

/// The catalogs of `checklists/` as they were when this binary was built, for a review run where
/// no catalog is named and there is no `checklists/` directory (an installed `mupj` run from an
/// experiment's own repository). Each is named `mupj:checklists/NAME` (`SourceFile.builtIn`), so
/// that a report says which catalogs it used and that they came with the tool, not from a file.
public enum ShippedCatalogs {
    public static let files: [SourceFile] = [
        SourceFile.builtIn("checklists/jspg-mupj-v1.0.yaml", bytes: PackageResources.jspg_mupj_v1_0_yaml),
        SourceFile.builtIn("checklists/mb-prerequisites.yaml", bytes: PackageResources.mb_prerequisites_yaml),
        SourceFile.builtIn("checklists/vo-operations.yaml", bytes: PackageResources.vo_operations_yaml),
    ]
}
