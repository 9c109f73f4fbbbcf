import SQLBuilder

// Rows shaped like a base table under another name: what a catch-up reads of a relocated
// location (CTEs), what a capture trigger receives (transition tables), and a log's rows with
// their signs. The name says which rows they are: `relocated_calls`, `new_orders`, …

/// Which rows of a shape: the prefix of their relation's name.
protocol FactRowsName: SendableMetatype { static var name: String { get } }
/// Rows a statement defines in its WITH.
protocol CommonFactRowsName: FactRowsName {}
/// Rows a trigger's statement passed it.
protocol TransitionFactRowsName: FactRowsName {}

/// The rows of relocated locations and rezoned accounts, read from a base table.
enum Relocated: CommonFactRowsName { static let name = "relocated" }
/// A statement's rows as they are after it (`NEW TABLE`).
enum NewRows: TransitionFactRowsName { static let name = "new" }
/// A statement's rows as they were before it (`OLD TABLE`).
enum OldRows: TransitionFactRowsName { static let name = "old" }

/// Rows shaped like `Shape`, named `<name>_<shape's name>`: `relocated_calls`.
struct Named<Name: FactRowsName, Shape: Relation>: ShapedRelation {
  static var qualifiedName: QualifiedName {
    QualifiedName("\(Name.name)_\(Shape.qualifiedName.name)")
  }
}

extension Named: CommonTable where Name: CommonFactRowsName {}
extension Named: TransitionTable where Name: TransitionFactRowsName {}

/// `Shape`'s rows, each with the sign of the logged change it comes from: 1 for a row as it now
/// is, -1 for one as it was. A change log's rows read through a fact view or dated: the same
/// columns with the sign beside them.
struct Signed<Shape: Relation>: SignedRelation {
  static var qualifiedName: QualifiedName { QualifiedName("signed_\(Shape.qualifiedName.name)") }
  let sign = Column<PG.SmallInt, NotNull>("sign")
}

/// Rows of `Shape` each with a sign: a change log (``FactChangeLog``), or rows made of one.
protocol SignedRelation: ShapedRelation {
  var sign: Column<PG.SmallInt, NotNull> { get }
}

extension FactChangeLog: SignedRelation {}

extension Signed {
  /// The rows `define` makes of `read`'s rows, each with its row's sign beside `Shape`'s
  /// columns: `SELECT c.sign, … FROM private.metrics_call_changes c …`.
  static func rows<Rows: SignedRelation>(
    reading read: @escaping (SelectBuilder) -> Source<Rows>,
    _ define: @escaping (SelectBuilder, Source<Rows.Shape>, Projection<Shape>) -> Void
  ) -> Select<Signed<Shape>> {
    Select(Signed<Shape>.self) { q, out in
      let row = read(q)
      let shape = Projection<Shape>()
      define(q, row.asShape, shape)
      out.columns(setBy: shape)
      out.sign(row.sign)
    }
  }
}
