import Foundation
import PostgresHarness
import Testing

/// A cluster started by a process that ends without stopping it (Ctrl-C, `kill`) is stopped and
/// its folder removed by the shell that watches that process.
@Suite struct ClusterGuardianTests {
  @Test func aClusterWhoseProcessIsGoneIsStoppedAndRemoved() throws {
    let cluster = try PostgresCluster()
    #expect(try cluster.psql("SELECT 'up';", options: ["-t", "-A"]).contains("up"))
    let postmaster = try String(
      contentsOfFile: cluster.root.appendingPathComponent("data/postmaster.pid").path,
      encoding: .utf8
    ).split(separator: "\n")[0]
    let watched = Process()
    watched.executableURL = URL(fileURLWithPath: "/bin/sleep")
    watched.arguments = ["1"]
    try watched.run()
    try cluster.startGuardian(watching: watched.processIdentifier)
    watched.waitUntilExit()
    var removed = false
    for _ in 0..<100 where !removed {
      removed = !FileManager.default.fileExists(atPath: cluster.root.path)
      if !removed { usleep(100_000) }
    }
    #expect(removed, "\(cluster.root.path) is still there 10 s after its process ended")
    // Gone, or a zombie its parent has not reaped yet.
    let state = (try? String(contentsOfFile: "/proc/\(postmaster)/status", encoding: .utf8)) ?? ""
    #expect(
      state.isEmpty || state.contains("State:\tZ"),
      "the server (process \(postmaster)) still runs: \(state.prefix(80))")
  }
}
