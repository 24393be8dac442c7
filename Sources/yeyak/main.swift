import YeyakCLI
#if canImport(Glibc)
import Glibc
#endif

// Thin on purpose: everything lives in YeyakCLI so it can be tested.
let status = await YeyakCommandLine.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
