/// A detector that can say why it scored an account, beyond its score: e.g. hydra's cluster
/// members and the kinds of shared infrastructure that tie them. Rankings of unlabelled logs
/// show this evidence beside each suspicious account.
public protocol ExplainingDetector: Detector {
    /// What the detector holds against `account` after its last batch, as short named texts
    /// (empty when it holds nothing).
    ///
    /// - Parameters:
    ///   - account: the account's code (its index in the account table).
    ///   - accountIDs: the account ids in code order, to name other accounts.
    func evidence(account: Int, accountIDs: [String]) -> [String: String]
}
