/// `ANALYZE name;`: gathers planner statistics, e.g. for a freshly created materialized view.
public struct Analyze<Table: Relation>: SQLStatement {
  /// Analyzes `Table`.
  public init(_ table: Table.Type) {}

  public func render(into writer: inout SQLWriter) {
    writer.line("ANALYZE \(writer.name(Table.qualifiedName));")
  }
}

extension Analyze: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) { validator.name(Table.qualifiedName) }
}
