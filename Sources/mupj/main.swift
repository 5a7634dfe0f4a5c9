import ArgumentParser
import CAllocator
import Reports
import YAMLDocument

// Exit codes: 0 clean, 1 findings or an invalid description, 2 usage error, unreadable input or
// internal error. ArgumentParser exits 64 on usage errors; the tool promises 2.
StandardStreams.install()
OutputFile.removeTemporaryOnSignals()
// Freed memory is kept for the next allocations: with glibc's defaults every piece of a report,
// written, freed and made again, was written into pages fresh from the kernel (page faults were
// 7 % of a review of the shipped descriptions, and the review 12 % slower).
mupj_keep_freed_memory()
guard StandardStreams.argumentsAreUTF8() else { Mupj.exit(withError: ExitCode(2)) }
// `mupj help TOPIC` with a topic that is no command: the parser shows the general help and exits 0.
if CommandLine.arguments.count > 2, CommandLine.arguments[1] == "help",
    let message = Mupj.unknownCommand(in: Array(CommandLine.arguments.dropFirst()))
{
    Terminal.standardError.write(message + "\n")
    Mupj.exit(withError: ExitCode(2))
}
do {
    var command = try Mupj.parseAsRoot()
    try command.run()
} catch {
    let code = Mupj.exitCode(for: error)
    if code == .validationFailure {
        let message = Mupj.unknownCommand(in: CommandLine.arguments) ?? Mupj.fullMessage(for: error)
        Terminal.standardError.write(message + "\n")
        Mupj.exit(withError: ExitCode(2))
    }
    // Anything else that ends a command unforeseen (a file system error of the benchmark, say)
    // is an internal error, exit 2: ArgumentParser would exit 1, which says "findings".
    if code == .failure, !(error is ExitCode), !(error is CleanExit) {
        Terminal.standardError.write(Escape.terminal(Mupj.fullMessage(for: error)) + "\n")
        Mupj.exit(withError: ExitCode(2))
    }
    Mupj.exit(withError: error)
}
