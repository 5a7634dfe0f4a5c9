/// Where the catalogs are when none are named, for every program that reads them (`mupj`, the
/// fuzz targets). The caller reads the environment and passes `$MUPJ_CHECKLISTS` in: the stage
/// takes paths and values, not process state.
public enum CatalogDirectory {
    /// The environment variable that names the catalogs' directory.
    public static let variable = "MUPJ_CHECKLISTS"
    /// A project's catalogs, where the commands are run.
    public static let project = "checklists"

    /// The directory a value of `$MUPJ_CHECKLISTS` names: none when it is unset or empty (an empty
    /// one named the root of nothing: `: error: no such file`).
    public static func named(by value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    /// `$MUPJ_CHECKLISTS` (given as `value`) when it names one, else `checklists`.
    public static func `default`(variable value: String?) -> String { named(by: value) ?? project }
}
