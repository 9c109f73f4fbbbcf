import SQLBuilder

/// The maintenance functions run on the primary; a standby (a read replica) replays what they
/// wrote. Each stops at once there, saying so, instead of failing on what it cannot touch.
enum PrimaryOnly {
  /// `IF pg_is_in_recovery() THEN RAISE EXCEPTION '<function> runs on the primary …'`, 25006,
  /// saying `why`.
  static func check<P>(_ function: Function<P>, _ why: String) -> If {
    If(pgIsInRecovery()) {
      Raise.exception(
        "\(function.name.rendered)() runs on the primary database, not on this standby (a read replica): \(why)",
        code: .readOnlySQLTransaction)
    }
  }

  /// Why a function that writes the metrics does not run on a standby.
  static let writesTheMetrics =
    "it writes the metrics, which the standby receives from the primary"
}
