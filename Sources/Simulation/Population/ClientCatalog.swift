/// Client libraries as they identify themselves: user-agent version series and the TLS
/// fingerprints (JA4-style tokens) of the runtimes they ship on. Shared by every actor.
enum ClientCatalog {
    /// Versions of each client, oldest first; accounts favour recent ones.
    static func versions(_ client: ClientKind) -> [String] {
        switch client {
        case .pythonSDK: (30...60).map { "1.\($0).\($0 % 3)" }
        case .nodeSDK: (50...80).map { "4.\($0).\($0 % 4)" }
        case .curl: ["7.81.0", "7.88.1", "8.1.2", "8.4.0", "8.5.0", "8.7.1", "8.9.1", "8.11.1"]
        case .langchain: (10...30).map { "0.3.\($0)" }
        case .litellm: (40...70).map { "1.\($0).\($0 % 5)" }
        case .goSDK: (1...12).map { "1.\($0).0" }
        case .javaSDK: (1...9).map { "2.\($0).\($0 % 2)" }
        case .httpClient: ["aiohttp/3.9.5", "httpx/0.27.0", "requests/2.31.0", "requests/2.32.3", "okhttp/4.12.0"]
        }
    }

    /// The user-agent string of `client` at `version`.
    static func userAgent(_ client: ClientKind, version: String) -> String {
        client == .httpClient ? version : "\(client.rawValue)/\(version)"
    }

    /// TLS fingerprints of the runtimes `client` runs on (JA4 layout: protocol, cipher and
    /// extension counts, then two truncated hashes).
    static func tlsFingerprints(_ client: ClientKind) -> [String] {
        switch client {
        case .pythonSDK, .langchain, .litellm:
            ["t13d1812h2_e8a523a41297_7b18a3c1d5c1", "t13d1911h2_85036bcba153_d41ae481755e", "t13d1813h2_e8a523a41297_0e7b3c3a1a2f"]
        case .nodeSDK: ["t13d1516h2_8daaf6152771_02713d6af862", "t13d1517h2_8daaf6152771_b1ff8ab2d16f"]
        case .curl: ["t13d3112h2_e8f1e7e78f70_6bebaf5329ac", "t13d3113h2_e8f1e7e78f70_4f1a2c9e8d11"]
        case .goSDK: ["t13d1311h2_f57a46bbacb6_e7c285222651"]
        case .javaSDK: ["t13d4713h2_8d0cd8d0f4a6_6a83ea0cc5f1", "t13d4613h2_8d0cd8d0f4a6_d8a2d3f1c7f0"]
        case .httpClient:
            ["t13d1812h2_e8a523a41297_7b18a3c1d5c1", "t13d1715h2_5b57614c22b0_3d5424432f57", ""]
        }
    }
}
