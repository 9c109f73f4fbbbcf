/// `LOCK TABLE tables IN mode MODE;`: holds a table lock until the transaction ends, e.g. to
/// keep writers out of a table while it is rebuilt from others.
///
/// ```swift
/// LockTable(PendingPurchases.self, mode: .exclusive)
/// // LOCK TABLE shop.pending_purchases IN EXCLUSIVE MODE;
/// ```
public struct LockTable: SQLStatement, PLStatement {
  /// The lock modes a statement may ask for, weakest first, as PostgreSQL names them.
  public enum Mode: String, Sendable {
    case accessShare = "ACCESS SHARE"
    case rowShare = "ROW SHARE"
    case rowExclusive = "ROW EXCLUSIVE"
    case shareUpdateExclusive = "SHARE UPDATE EXCLUSIVE"
    case share = "SHARE"
    case shareRowExclusive = "SHARE ROW EXCLUSIVE"
    /// Only reads go on: INSERT, UPDATE and DELETE wait.
    case exclusive = "EXCLUSIVE"
    case accessExclusive = "ACCESS EXCLUSIVE"
  }
  let tables: [QualifiedName]
  let mode: Mode

  /// Locks `tables` in `mode`.
  public init(_ tables: any Relation.Type..., mode: Mode) {
    self.tables = tables.map { $0.qualifiedName }
    self.mode = mode
  }

  public func render(into writer: inout SQLWriter) {
    let names = tables.map { writer.name($0) }.joined(separator: ", ")
    writer.line("LOCK TABLE \(names) IN \(mode.rawValue) MODE;")
  }
}

extension LockTable: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    if tables.isEmpty { validator.report(StatementRules.Finding.lockNamesNoTable) }
    tables.forEach { validator.name($0) }
  }
}
