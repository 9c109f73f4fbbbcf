/// `NEW`: the row a row-level trigger inserts or updates to, NULL in a DELETE trigger. Every
/// column reads as nullable: a BEFORE trigger sees the row before its constraints are checked.
///
/// ```swift
/// let row = newRow(Customers.self)
/// Assign(new: \Customers.region, upper(row.region))   // new.region := upper(new.region);
/// ```
public func newRow<R: Relation>(_: R.Type) -> OptionalSource<R> {
  OptionalSource(SourceReference(R.self, triggerRecord: "new"))
}

/// `OLD`: the row a row-level trigger updates or deletes, NULL in an INSERT trigger.
public func oldRow<R: Relation>(_: R.Type) -> OptionalSource<R> {
  OptionalSource(SourceReference(R.self, triggerRecord: "old"))
}

extension Assign {
  /// `new.column := value;`: a BEFORE row trigger changes the row it is about to write.
  public init<R: Relation, B: SQLType, N: Nullability>(
    new column: KeyPath<R, Column<B, N>>, _ value: SQLExpression<B, some Nullability>
  ) {
    self.init(target: "new", field: R.columnName(column), value: value.node)
  }
}

/// `TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME`: in a trigger function, the table whose trigger
/// fired it.
public let triggerTable = SQLExpression<PG.Text, NotNull>(
  unchecked: .binary(
    op: "||",
    left: .binary(
      op: "||", left: .keyword("TG_TABLE_SCHEMA"), right: .literal(.string(".")),
      precedence: .otherOperator),
    right: .keyword("TG_TABLE_NAME"), precedence: .otherOperator))
