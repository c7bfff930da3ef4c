import Features
/// How well one feature alone separates positive (adversarial or mixed) from benign accounts:
/// one row of a ``LeakageAudit``.
public struct LeakageFinding: Sendable, Hashable, Codable {
    /// Which class a feature's larger values point to.
    public enum Direction: String, Sendable, Hashable, Codable {
        /// Larger values (for a categorical feature: categories with a larger positive rate
        /// elsewhere) rank positives higher: ``LeakageFinding/valueAUC`` > ½.
        case higher
        /// Larger values rank benign accounts higher: ``LeakageFinding/valueAUC`` < ½.
        case lower
        /// No separation at all: ``LeakageFinding/valueAUC`` = ½.
        case none
    }

    /// A category and how many accounts of each class have it.
    public struct CategoryCount: Sendable, Hashable, Codable {
        /// The category.
        public var value: String
        /// Positive accounts with this category.
        public var positives: Int
        /// Benign accounts with this category.
        public var benign: Int

        public init(value: String, positives: Int, benign: Int) {
            self.value = value
            self.positives = positives
            self.benign = benign
        }
    }

    /// The feature's name (see ``AccountFeatures``).
    public var feature: String
    /// Numeric or categorical.
    public var kind: Feature.Kind
    /// What kind of evidence the feature is.
    public var group: FeatureGroup
    /// max(``valueAUC``, 1 − ``valueAUC``): ½ = no separation, 1 = perfect separation.
    public var auc: Double
    /// The ROC-AUC of the value (numeric) or of its cross-fitted target encoding (categorical)
    /// as a score for "positive".
    public var valueAUC: Double
    /// Which way the value points.
    public var direction: Direction
    /// Whether the feature is one of ``LeakageAudit/rawFields``.
    public var isRawField: Bool
    /// A raw field with ``auc`` ≥ ``LeakageAudit/trivialThreshold``: a defect of a generator.
    public var isTrivialSeparator: Bool
    /// Numeric features: the mean over positive accounts.
    public var positiveMean: Double?
    /// Numeric features: the mean over benign accounts.
    public var benignMean: Double?
    /// Categorical features: the categories held by most positive accounts (then by fewest
    /// benign ones, then by value), at most three.
    public var topCategories: [CategoryCount]?
    /// Categorical features: the number of distinct categories.
    public var categories: Int?
    /// Per tactic: the ``valueAUC`` of the feature on that tactic's positives against all
    /// benign accounts (categorical features encoded on that sub-population).
    public var byTactic: [String: Double]?

    public init(
        feature: String, kind: Feature.Kind, group: FeatureGroup, auc: Double, valueAUC: Double, direction: Direction,
        isRawField: Bool, isTrivialSeparator: Bool, positiveMean: Double? = nil, benignMean: Double? = nil,
        topCategories: [CategoryCount]? = nil, categories: Int? = nil, byTactic: [String: Double]? = nil
    ) {
        self.feature = feature
        self.kind = kind
        self.group = group
        self.auc = auc
        self.valueAUC = valueAUC
        self.direction = direction
        self.isRawField = isRawField
        self.isTrivialSeparator = isTrivialSeparator
        self.positiveMean = positiveMean
        self.benignMean = benignMean
        self.topCategories = topCategories
        self.categories = categories
        self.byTactic = byTactic
    }

    enum CodingKeys: String, CodingKey {
        case feature, kind, group, auc
        case valueAUC = "value_auc"
        case direction
        case isRawField = "raw_field"
        case isTrivialSeparator = "trivial_separator"
        case positiveMean = "positive_mean"
        case benignMean = "benign_mean"
        case topCategories = "top_categories"
        case categories
        case byTactic = "by_tactic"
    }
}
