// Named entities that fill the `{P}`, `{C}` and `{N}` slots of pasted context, shared by every
// language (names are written as they are). All are invented or common given names; any
// resemblance to a real product or company is accidental.

extension PromptPools {
    /// Product names (`{P}`).
    static let productNames: [String] = [
        "Nimbus", "Ledgerly", "Atlas CRM", "Quokka", "Brightdesk", "Tallyo", "Orbitly", "PaperTrail",
        "Fieldnote", "Harbor", "Kiteboard", "Lumen Analytics", "Mosaic", "Northstar", "Pebble Pay", "Quillbox",
        "Relay", "Sprocket", "Tandem", "Umbra", "Vantage", "Waypoint", "Yarrow", "Zephyr", "Cobalt API",
        "DeltaSync", "Evergreen HR", "Foxglove", "Granite DB", "Helix Portal",
    ]

    /// Customer and partner companies (`{C}`), from several countries.
    static let companyNames: [String] = [
        "Brightwater Logistics", "Hartmann & Söhne", "Sakura Foods", "Mercado Azul", "Lumière Conseil",
        "Northwind Traders", "Kestrel Health", "Blue Fjord Energy", "Casa Verde", "Tianhe Electronics",
        "Morningside Clinic", "Rivera & Costa", "Oakridge School District", "Polaris Insurance", "Sunbeam Retail",
        "Vogel Maschinenbau", "Aurora Media", "Keystone Bank", "Maple Leaf Freight", "Nordlicht GmbH",
        "Estrela do Sul", "Granja Feliz", "Hikari Systems", "Le Petit Atelier", "Summit Outdoor",
        "Redwood Legal", "Lotus Pharma", "Coral Bay Hotels", "Iron Creek Mining", "Pioneer Credit Union",
        "Silverline Telecom", "Golden Harvest Co-op", "Meridian Airlines", "Fujimori Trading", "Valle Alto Wines",
        "Greenleaf Architects",
    ]

    /// First names of colleagues, clients and contacts (`{N}`).
    static let personNames: [String] = [
        "Anna", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kavya", "Liam",
        "Mei", "Nadia", "Omar", "Paula", "Quentin", "Rosa", "Sven", "Tomás", "Uma", "Victor", "Wei", "Yuki",
        "Zara", "Marco", "Sofia", "Lukas", "Chloé", "João", "Aiko", "Priya", "Daniel", "Fatima", "Lena", "Mateo",
    ]
}
