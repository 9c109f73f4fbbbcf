import Foundation

extension PostgresCluster {
  /// Starts a hot standby of this cluster, as a read replica is: a base backup that streams
  /// and replays this cluster's WAL, read-only, with `settings` added.
  public func startStandby(settings: [String: String] = [:]) throws -> PostgresCluster {
    let standby = PostgresCluster(root: try Self.makeRoot())
    try standby.startGuardian()
    try standby.run(
      Self.binDirectory + "/pg_basebackup",
      [
        "--host", socketDirectory, "--username", "postgres", "--pgdata", standby.dataDirectory,
        "--write-recovery-conf", "--wal-method", "stream", "--checkpoint", "fast", "--no-sync",
      ])
    try standby.appendSettings(
      ["unix_socket_directories": "'\(standby.socketDirectory)'", "hot_standby": "on"]
        .merging(settings) { $1 })
    try standby.start()
    try standby.waitForReplay(of: self)
    return standby
  }

  /// Waits until this standby has replayed everything `primary` has written so far, for at
  /// most `seconds`.
  public func waitForReplay(of primary: PostgresCluster, seconds: Double = 30) throws {
    // Everything inserted, flushed or not (with `synchronous_commit = off` a commit's record may
    // still wait in the WAL buffers); then one more record, a transaction's commit, so the
    // replay passes that point even when it fell on a page boundary.
    let written = try primary.psql(
      "SELECT pg_current_wal_insert_lsn();\nSELECT 'after|' || pg_current_xact_id();",
      database: "postgres"
    ).split(separator: "\n")[0].trimmingCharacters(in: .whitespacesAndNewlines)
    let deadline = Date().addingTimeInterval(seconds)
    while true {
      let replayed = try psql(
        "SELECT pg_last_wal_replay_lsn() >= '\(written)'::pg_lsn;", database: "postgres")
      if replayed.hasPrefix("t") { return }
      guard Date() < deadline else {
        throw Failure(
          description: "the standby had not replayed up to \(written) after \(seconds) s")
      }
      Thread.sleep(forTimeInterval: 0.02)
    }
  }

  /// Promotes this standby to a primary, as a failover does, and waits until it accepts writes.
  public func promote() throws {
    try run(Self.binDirectory + "/pg_ctl", ["-D", dataDirectory, "-w", "-t", "60", "promote"])
  }
}
