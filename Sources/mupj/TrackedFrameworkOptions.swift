import ArgumentParser

/// The description an entry is about, and the tracking file it goes to.
struct TrackedFrameworkOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("The framework description reviewed.", valueName: "path"),
        completion: .file(extensions: ["yaml", "yml"]))
    var framework: String

    @Option(
        help: ArgumentHelp(
            "The tracking file to add to, or a directory of them. Default: ./reviews/tracking. A missing path is "
                + "made: a file if its name ends in .yaml or .yml, else a directory. In a directory: the file that "
                + "tracks the framework, else <name>.yaml (or <name>-<vo>.yaml, when another framework's file "
                + "has that name), in lower case, with hyphens for spaces and other signs.",
            valueName: "path"),
        completion: .file(extensions: ["yaml", "yml"]))
    var tracking: String?

    @Option(
        help: ArgumentHelp(
            "How long to wait for another mupj command adding to a file in the same directory, 0 to 3600; 0: do "
                + "not wait.",
            valueName: "seconds"))
    var wait: Int = 10

    func validate() throws {
        if framework.isEmpty { throw ValidationError("--framework is empty; name the description") }
        if tracking?.isEmpty == true {
            throw ValidationError("--tracking is empty; name a tracking file or a directory of them")
        }
        guard (0...3600).contains(wait) else {
            throw ValidationError("--wait takes 0 to 3600 seconds, not \(wait)")
        }
    }
}
