import SQLBuilder

/// The maintenance functions run on the primary; a standby (a read replica) replays what they
/// wrote. Each stops at once there, saying so, instead of failing on what it cannot touch.
enum PrimaryOnly {
  /// `IF pg_is_in_recovery() THEN RAISE EXCEPTION '<function> runs on the primary …'`, 25006.
  static func check<P>(_ function: Function<P>) -> If {
    If(pgIsInRecovery()) {
      Raise.exception(
        "\(function.name.rendered)() runs on the primary database: this server is a standby (a read replica), which serves the metrics as the primary wrote them",
        code: .readOnlySQLTransaction)
    }
  }
}
