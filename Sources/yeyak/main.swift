import YeyakCLI
#if canImport(Glibc)
import Glibc
#endif

// `yeyak serve` must survive a SIGHUP (a systemd reload, logrotate) from its first instruction:
// ignore it before anything else runs; StartupSignals turns it into a deferred reload.
if CommandLine.arguments.dropFirst().first == "serve" { signal(SIGHUP, SIG_IGN) }

// Thin on purpose: everything lives in YeyakCLI so it can be tested.
let status = await YeyakCommandLine.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
