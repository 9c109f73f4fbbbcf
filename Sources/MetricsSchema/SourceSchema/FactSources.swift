import SQLBuilder

/// The fact views as the declarations compute them (``FactTable/fact(_:location:_:)``): a base
/// row joined to its location. `Tests/DatabaseTests/FactSourceTests.swift` fails when a view and
/// its declaration disagree.
///
/// The same definition reads the base table, or rows shaped like it under another name (a log,
/// a trigger's transition table, a CTE), through `locations` or rows shaped like it.
public enum FactSources {
  /// `T`'s view over the table itself:
  /// `SELECT … FROM calls c LEFT JOIN locations l ON l.location_id = c.location_id`.
  public static func view<T: FactTable>(_: T.Type) -> Select<T.Fact> {
    view(T.self, locations: Locations.self) { $0.from(T.self, as: alias(T.self)) }
  }

  /// `T`'s view over `Rows`, rows shaped like `T`, with `L`'s locations.
  public static func view<T: FactTable, Rows: ShapedRelation, L: LocationRows>(
    _: T.Type, reading _: Rows.Type, locations _: L.Type
  ) -> Select<T.Fact> where Rows.Shape == T {
    view(T.self, locations: L.self) { $0.from(Rows.self, as: alias(T.self)).asShape }
  }

  static func view<T: FactTable, L: LocationRows>(
    _: T.Type, locations _: L.Type, reading: @escaping (SelectBuilder) -> Source<T>
  ) -> Select<T.Fact> {
    Select(T.Fact.self) { q, out in fact(q, reading(q), locations: L.self, out) }
  }

  /// `T`'s view's columns of `row`, into `out`, with `L`'s locations joined to `q`.
  static func fact<T: FactTable, L: LocationRows>(
    _ q: SelectBuilder, _ row: Source<T>, locations _: L.Type, _ out: Projection<T.Fact>
  ) {
    let l = q.leftJoin(L.self, as: "l") { $0.locationID == T.location.read(row) }
    if let shown = T.isShown(row, location: l.asLocations) { q.where(shown) }
    T.fact(row, location: l.asLocations, out)
  }

  /// The expression `T`'s view gives its column `name` over the rows `row`, with their location
  /// read as `l`; nil when the declaration sets none.
  static func expression<T: FactTable>(_ name: String, of _: T.Type, over row: SourceReference)
    -> SQLNode?
  {
    let fact = Projection<T.Fact>()
    T.fact(Source(row), location: OptionalSource(SourceReference(Locations.self, alias: "l")), fact)
    return fact.expression(forColumn: name)
  }

  /// The alias of a fact table's rows: `c` for calls.
  static func alias<T: FactTable>(_: T.Type) -> String { String(T.Fact.kind.prefix(1)) }
}

/// Rows shaped like `public.locations`, as the fact views read them.
public protocol LocationRows: Relation {
  var locationID: Column<PG.UUID, NotNull> { get }
  var accountID: Column<PG.UUID, NotNull> { get }
}

extension Locations: LocationRows {}

extension OptionalSource where R: LocationRows {
  /// The same rows read as `locations`, whose columns they have.
  var asLocations: OptionalSource<Locations> { OptionalSource<Locations>(reference) }
}
