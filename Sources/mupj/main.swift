import ArgumentParser
import Reports

// Exit codes: 0 clean, 1 findings or an invalid description, 2 usage error, unreadable input or
// internal error. ArgumentParser exits 64 on usage errors; the tool promises 2.
StandardStreams.install()
OutputFile.removeTemporaryOnSignals()
guard StandardStreams.argumentsAreUTF8() else { Mupj.exit(withError: ExitCode(2)) }
do {
    var command = try Mupj.parseAsRoot()
    try command.run()
} catch {
    let code = Mupj.exitCode(for: error)
    if code == .validationFailure {
        Terminal.standardError.write(Mupj.fullMessage(for: error) + "\n")
        Mupj.exit(withError: ExitCode(2))
    }
    Mupj.exit(withError: error)
}
