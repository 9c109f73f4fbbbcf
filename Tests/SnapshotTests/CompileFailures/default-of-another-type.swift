// expect: cannot convert value of type 'SQLExpression<PG.TimestampTZ, NotNull>' to expected argument type 'SQLExpression<PG.UUID, NotNull>'
// A column's default has the column's type.
import SQLBuilder

struct Stamped: Relation {
  static let qualifiedName = QualifiedName("public", "stamped")
  let id = Column<PG.UUID, NotNull>("id", default: now())
}
