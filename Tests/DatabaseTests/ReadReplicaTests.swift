import Foundation
import MetricsSchema
import PostgresHarness
import Testing

extension DatabaseTests {
  /// A read replica, as teams scale reads on Supabase: a streaming hot standby of the test
  /// database serves `get_metrics_for_range` with exactly the primary's rows; the maintenance
  /// functions say they run on the primary; after a failover, the first refresh or catch-up on
  /// the promoted server counts every write (docs/operate.md, "Read replicas").
  @Suite struct ReadReplica {
    static let user = "f0000000-0000-4000-8000-000000000001"

    /// The data, an access row for one user to every location of the first account, and a
    /// refresh or catch-up on the primary.
    static func load(_ database: MetricsDatabase, _ data: MessyData) throws -> String {
      let account = data.accounts[0].id
      let access = data.locations.filter { $0.account == account }.map {
        "INSERT INTO user_location_access VALUES ('\(user)', '\($0.id)', '\(account)');"
      }
      try database.cluster.psql(
        SQLFor.inserts(data) + access.joined(separator: "\n")
          + "\nSELECT public.refresh_metrics_daily();")
      return account
    }

    /// What a signed-in user reads through the API, and the whole view as the service reads it.
    static func reads(account: String) -> String {
      """
      BEGIN;
      \(signIn)
      SELECT 'api|' || m::text FROM \(apiCall(account)) m ORDER BY m.location_id NULLS FIRST, m.date;
      COMMIT;
      SELECT 'view|' || v::text FROM public.mv_metrics_daily v
      ORDER BY v.account_id, v.location_id NULLS FIRST, v.date;
      """
    }

    /// The user signed in, as PostgREST does it, for the rest of the transaction.
    static let signIn = """
      SET LOCAL ROLE authenticated;
      SET LOCAL request.jwt.claims = '{"sub": "\(user)", "role": "authenticated"}';
      """

    /// The dashboard's call for the whole of 2024.
    static func apiCall(_ account: String) -> String {
      """
      public.get_metrics_for_range(
        p_account_id => '\(account)', p_from_date => '2024-01-01', p_to_date => '2024-12-31')
      """
    }

    @Test(arguments: Deployment.all)
    func aStandbyServesTheReadAPIAsThePrimaryDoes(_ deployment: Deployment) throws {
      let database = try deployment.database()
      try database.reset()
      defer { try? database.reset() }
      var data = MessyData(seed: 41)
      let account = try Self.load(database, data)
      let standby = try database.cluster.startStandby()
      defer { standby.stop() }

      // Writes and a refresh or catch-up after the standby started reach it by replay.
      let before = data
      data.mutate()
      try database.cluster.psql(
        SQLFor.changes(from: before, to: data) + "SELECT public.refresh_metrics_daily();")
      try standby.waitForReplay(of: database.cluster)

      let onPrimary = try database.cluster.psql(Self.reads(account: account))
      let onStandby = try standby.psql(Self.reads(account: account))
      #expect(onPrimary.components(separatedBy: "api|").count > 3, "the user should see rows")
      #expect(onStandby == onPrimary)

      // Maintenance runs on the primary; on the standby it says so.
      var maintenance = ["SELECT public.refresh_metrics_daily();"]
      if deployment.strategy == .incremental {
        maintenance += [
          "SELECT public.rebuild_metrics_daily();", "SELECT * FROM public.metrics_daily_status();",
        ]
      }
      for call in maintenance {
        let result = try standby.psqlResult(call, options: ["-v", "VERBOSITY=verbose"])
        #expect(result.status != 0, "\(call) should fail on a standby")
        #expect(
          result.error.contains("25006") && result.error.contains("runs on the primary database"),
          "\(call): \(result.error)")
      }
      // docs/operate.md's checks on a replica, as written.
      let checks = try #require(try OperateGuide.replicaBlocks().first)
      let replayLag = try standby.psql(checks)
      #expect(!replayLag.isEmpty, "\(checks)")
      if deployment.strategy == .incremental {
        #expect(try standby.psql("SELECT public.metrics_daily_drift();") == "0\n")
      }
      if deployment.strategy == .refresh {
        let status = "SELECT refreshed_at FROM public.metrics_daily_status();"
        let onStandby = try standby.psql(status)
        #expect(onStandby == (try database.cluster.psql(status)))
        #expect(!onStandby.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
      }
    }

    @Test(arguments: Deployment.all)
    func afterAFailoverTheFirstRefreshCountsEveryWrite(_ deployment: Deployment) throws {
      let database = try deployment.database()
      try database.reset()
      defer { try? database.reset() }
      var data = MessyData(seed: 42)
      let account = try Self.load(database, data)
      let standby = try database.cluster.startStandby()
      defer { standby.stop() }

      // Writes the primary has not refreshed or caught up yet when it fails.
      let before = data
      data.mutate()
      try database.cluster.psql(SQLFor.changes(from: before, to: data))
      try standby.waitForReplay(of: database.cluster)
      try standby.promote()

      try database.cluster.psql("SELECT public.refresh_metrics_daily();")
      let expected = try database.cluster.psql(Self.reads(account: account))
      #expect(
        try standby.psql(Self.reads(account: account)) != expected,
        "until the first refresh on the promoted server, its view lacks the last writes")
      if deployment.strategy == .incremental {
        let status = try standby.psql(
          "SELECT rebuild_due || '|' || rebuild_reason FROM public.metrics_daily_status();")
        #expect(status.hasPrefix("true|the change logs were emptied"), "\(status)")
      }
      // docs/operate.md's failover step, as written.
      let failover = try #require(try OperateGuide.replicaBlocks().last)
      #expect(failover.contains("refresh_metrics_daily()"))
      try standby.psql(failover)
      #expect(try standby.psql(Self.reads(account: account)) == expected)
    }
  }
}

extension DatabaseTests.ReadReplica {
  /// A reader on the standby holding one snapshot across a refresh or catch-up and the VACUUM
  /// after it: with `hot_standby_feedback = on` it reads on, even with
  /// `max_standby_streaming_delay = 0`; without, replaying the VACUUM's cleanup cancels it. The
  /// VACUUM does not truncate: a truncation's lock is another conflict, which only
  /// `max_standby_streaming_delay` governs (docs/operate.md, "Read replicas").
  @Test(arguments: MetricsStrategy.allCases)
  func hotStandbyFeedbackKeepsReadersThroughMaintenance(_ strategy: MetricsStrategy) throws {
    let database = try MetricsDatabase.get(strategy)
    try database.reset()
    defer { try? database.reset() }
    var data = MessyData(seed: 43)
    let account = try Self.load(database, data)
    for feedback in [true, false] {
      let standby = try database.cluster.startStandby(settings: [
        "hot_standby_feedback": feedback ? "on" : "off", "max_standby_streaming_delay": "0",
        "wal_receiver_status_interval": "1",
      ])
      defer { standby.stop() }
      let reader = try PsqlSession(standby)
      reader.send(
        """
        BEGIN ISOLATION LEVEL REPEATABLE READ;
        \(Self.signIn)
        SELECT 'first read|' || count(*) FROM \(Self.apiCall(account));
        """)
      if feedback {
        // The primary holds back its cleanup for the standby's oldest snapshot once told of it.
        try database.waitUntil(
          "SELECT count(*) = 1 FROM pg_stat_replication WHERE backend_xmin IS NOT NULL")
      }
      let before = data
      data.mutate()
      try database.cluster.psql(
        SQLFor.changes(from: before, to: data) + "SELECT public.refresh_metrics_daily();")
      try database.cluster.psql("VACUUM (TRUNCATE false);")
      try standby.waitForReplay(of: database.cluster)
      reader.send(
        "SELECT 'read again|' || count(*) FROM \(Self.apiCall(account));\nCOMMIT;")
      let output = reader.close()
      if feedback {
        #expect(output.contains("read again|"), "\(strategy): \(output.suffix(2000))")
        #expect(!output.contains("conflict with recovery"), "\(output.suffix(2000))")
      } else {
        #expect(
          output.contains("conflict with recovery"),
          "\(strategy): without feedback the VACUUM's replay should cancel the reader")
      }
    }
  }
}
