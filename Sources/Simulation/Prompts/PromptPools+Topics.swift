// The topic table: 15 domains × 12 topics, each named in en, es, de, fr, zh, ja, pt
// (Language.allCases order). Spanish, French and Portuguese names carry their article;
// German names are bare (templates use them after "Thema").

extension PromptPools {
    static let standardTopics: [Topic] = science + math + programming + dataScience + business
        + finance + law + health + history + writing + travel + cooking + education
        + customerSupport + everyday

    private static let science: [Topic] = [
        Topic(.science, "photosynthesis", "la fotosíntesis", "Photosynthese", "la photosynthèse", "光合作用", "光合成", "a fotossíntese"),
        Topic(.science, "black holes", "los agujeros negros", "Schwarze Löcher", "les trous noirs", "黑洞", "ブラックホール", "os buracos negros"),
        Topic(.science, "climate change", "el cambio climático", "Klimawandel", "le changement climatique", "气候变化", "気候変動", "as mudanças climáticas"),
        Topic(.science, "the theory of evolution", "la teoría de la evolución", "Evolutionstheorie", "la théorie de l'évolution", "进化论", "進化論", "a teoria da evolução"),
        Topic(.science, "plate tectonics", "la tectónica de placas", "Plattentektonik", "la tectonique des plaques", "板块构造", "プレートテクトニクス", "a tectônica de placas"),
        Topic(.science, "quantum entanglement", "el entrelazamiento cuántico", "Quantenverschränkung", "l'intrication quantique", "量子纠缠", "量子もつれ", "o emaranhamento quântico"),
        Topic(.science, "the immune system", "el sistema inmunitario", "Immunsystem", "le système immunitaire", "免疫系统", "免疫システム", "o sistema imunológico"),
        Topic(.science, "DNA replication", "la replicación del ADN", "DNA-Replikation", "la réplication de l'ADN", "DNA复制", "DNAの複製", "a replicação do DNA"),
        Topic(.science, "the periodic table", "la tabla periódica", "Periodensystem", "le tableau périodique", "元素周期表", "周期表", "a tabela periódica"),
        Topic(.science, "CRISPR gene editing", "la edición genética con CRISPR", "CRISPR-Genschere", "l'édition génomique par CRISPR", "CRISPR基因编辑", "CRISPRによるゲノム編集", "a edição genética com CRISPR"),
        Topic(.science, "the water cycle", "el ciclo del agua", "Wasserkreislauf", "le cycle de l'eau", "水循环", "水の循環", "o ciclo da água"),
        Topic(.science, "nuclear fusion", "la fusión nuclear", "Kernfusion", "la fusion nucléaire", "核聚变", "核融合", "a fusão nuclear"),
    ]

    private static let math: [Topic] = [
        Topic(.math, "derivatives", "las derivadas", "Ableitungen", "les dérivées", "导数", "微分", "as derivadas"),
        Topic(.math, "integration by parts", "la integración por partes", "partielle Integration", "l'intégration par parties", "分部积分", "部分積分", "a integração por partes"),
        Topic(.math, "linear algebra", "el álgebra lineal", "lineare Algebra", "l'algèbre linéaire", "线性代数", "線形代数", "a álgebra linear"),
        Topic(.math, "eigenvalues and eigenvectors", "los valores y vectores propios", "Eigenwerte und Eigenvektoren", "les valeurs propres et vecteurs propres", "特征值和特征向量", "固有値と固有ベクトル", "os autovalores e autovetores"),
        Topic(.math, "probability theory", "la teoría de la probabilidad", "Wahrscheinlichkeitsrechnung", "la théorie des probabilités", "概率论", "確率論", "a teoria da probabilidade"),
        Topic(.math, "Bayes' theorem", "el teorema de Bayes", "Satz von Bayes", "le théorème de Bayes", "贝叶斯定理", "ベイズの定理", "o teorema de Bayes"),
        Topic(.math, "prime numbers", "los números primos", "Primzahlen", "les nombres premiers", "质数", "素数", "os números primos"),
        Topic(.math, "the Pythagorean theorem", "el teorema de Pitágoras", "Satz des Pythagoras", "le théorème de Pythagore", "勾股定理", "三平方の定理", "o teorema de Pitágoras"),
        Topic(.math, "differential equations", "las ecuaciones diferenciales", "Differentialgleichungen", "les équations différentielles", "微分方程", "微分方程式", "as equações diferenciais"),
        Topic(.math, "complex numbers", "los números complejos", "komplexe Zahlen", "les nombres complexes", "复数", "複素数", "os números complexos"),
        Topic(.math, "proof by induction", "la demostración por inducción", "vollständige Induktion", "le raisonnement par récurrence", "数学归纳法", "数学的帰納法", "a prova por indução"),
        Topic(.math, "hypothesis testing", "las pruebas de hipótesis", "Hypothesentests", "les tests d'hypothèse", "假设检验", "仮説検定", "os testes de hipóteses"),
    ]

    private static let programming: [Topic] = [
        Topic(.programming, "recursion", "la recursividad", "Rekursion", "la récursivité", "递归", "再帰", "a recursão"),
        Topic(.programming, "binary search trees", "los árboles binarios de búsqueda", "binäre Suchbäume", "les arbres binaires de recherche", "二叉搜索树", "二分探索木", "as árvores binárias de busca"),
        Topic(.programming, "Python decorators", "los decoradores de Python", "Python-Decorators", "les décorateurs Python", "Python装饰器", "Pythonのデコレータ", "os decoradores em Python"),
        Topic(.programming, "async/await in JavaScript", "async/await en JavaScript", "async/await in JavaScript", "async/await en JavaScript", "JavaScript的async/await", "JavaScriptのasync/await", "async/await em JavaScript"),
        Topic(.programming, "REST API design", "el diseño de APIs REST", "REST-API-Design", "la conception d'API REST", "REST API设计", "REST APIの設計", "o design de APIs REST"),
        Topic(.programming, "SQL joins", "los JOIN en SQL", "SQL-Joins", "les jointures SQL", "SQL连接查询", "SQLのJOIN", "os JOINs em SQL"),
        Topic(.programming, "Git branching", "las ramas en Git", "Branching in Git", "les branches Git", "Git分支管理", "Gitのブランチ運用", "as branches no Git"),
        Topic(.programming, "Docker containers", "los contenedores Docker", "Docker-Container", "les conteneurs Docker", "Docker容器", "Dockerコンテナ", "os contêineres Docker"),
        Topic(.programming, "memory leaks", "las fugas de memoria", "Speicherlecks", "les fuites de mémoire", "内存泄漏", "メモリリーク", "os vazamentos de memória"),
        Topic(.programming, "unit testing", "las pruebas unitarias", "Unit-Tests", "les tests unitaires", "单元测试", "ユニットテスト", "os testes unitários"),
        Topic(.programming, "regular expressions", "las expresiones regulares", "reguläre Ausdrücke", "les expressions régulières", "正则表达式", "正規表現", "as expressões regulares"),
        Topic(.programming, "race conditions", "las condiciones de carrera", "Race Conditions", "les conditions de course", "竞态条件", "競合状態", "as condições de corrida"),
    ]

    private static let dataScience: [Topic] = [
        Topic(.dataScience, "gradient descent", "el descenso de gradiente", "Gradientenabstieg", "la descente de gradient", "梯度下降", "勾配降下法", "o gradiente descendente"),
        Topic(.dataScience, "overfitting", "el sobreajuste", "Overfitting", "le surapprentissage", "过拟合", "過学習", "o overfitting"),
        Topic(.dataScience, "transformer models", "los modelos transformer", "Transformer-Modelle", "les modèles transformers", "Transformer模型", "Transformerモデル", "os modelos transformer"),
        Topic(.dataScience, "convolutional neural networks", "las redes neuronales convolucionales", "Convolutional Neural Networks", "les réseaux de neurones convolutifs", "卷积神经网络", "畳み込みニューラルネットワーク", "as redes neurais convolucionais"),
        Topic(.dataScience, "principal component analysis", "el análisis de componentes principales", "Hauptkomponentenanalyse", "l'analyse en composantes principales", "主成分分析", "主成分分析（PCA）", "a análise de componentes principais"),
        Topic(.dataScience, "random forests", "los bosques aleatorios", "Random Forests", "les forêts aléatoires", "随机森林", "ランダムフォレスト", "as florestas aleatórias"),
        Topic(.dataScience, "data cleaning with pandas", "la limpieza de datos con pandas", "Datenbereinigung mit pandas", "le nettoyage de données avec pandas", "用pandas清洗数据", "pandasでのデータクリーニング", "a limpeza de dados com pandas"),
        Topic(.dataScience, "A/B testing", "las pruebas A/B", "A/B-Tests", "les tests A/B", "A/B测试", "A/Bテスト", "os testes A/B"),
        Topic(.dataScience, "word embeddings", "los embeddings de palabras", "Worteinbettungen", "les plongements de mots", "词嵌入", "単語埋め込み", "os embeddings de palavras"),
        Topic(.dataScience, "reinforcement learning", "el aprendizaje por refuerzo", "Reinforcement Learning", "l'apprentissage par renforcement", "强化学习", "強化学習", "o aprendizado por reforço"),
        Topic(.dataScience, "cross-validation", "la validación cruzada", "Kreuzvalidierung", "la validation croisée", "交叉验证", "交差検証", "a validação cruzada"),
        Topic(.dataScience, "knowledge distillation", "la destilación de conocimiento", "Wissensdestillation", "la distillation de connaissances", "知识蒸馏", "知識蒸留", "a destilação de conhecimento"),
    ]

    private static let business: [Topic] = [
        Topic(.business, "business plans", "la redacción de un plan de negocios", "Businessplan", "la rédaction d'un business plan", "商业计划书", "事業計画書の書き方", "a elaboração de um plano de negócios"),
        Topic(.business, "market segmentation", "la segmentación de mercado", "Marktsegmentierung", "la segmentation du marché", "市场细分", "市場セグメンテーション", "a segmentação de mercado"),
        Topic(.business, "SWOT analysis", "el análisis DAFO", "SWOT-Analyse", "l'analyse SWOT", "SWOT分析", "SWOT分析のやり方", "a análise SWOT"),
        Topic(.business, "pricing strategy", "la estrategia de precios", "Preisstrategie", "la stratégie de prix", "定价策略", "価格戦略", "a estratégia de preços"),
        Topic(.business, "supply chain management", "la gestión de la cadena de suministro", "Lieferkettenmanagement", "la gestion de la chaîne d'approvisionnement", "供应链管理", "サプライチェーン管理", "a gestão da cadeia de suprimentos"),
        Topic(.business, "managing remote teams", "la gestión de equipos remotos", "Führung von Remote-Teams", "la gestion d'équipes à distance", "远程团队管理", "リモートチームのマネジメント", "a gestão de equipes remotas"),
        Topic(.business, "OKRs and goal setting", "los OKR y la definición de objetivos", "OKRs und Zielsetzung", "les OKR et la définition d'objectifs", "OKR与目标设定", "OKRと目標設定", "os OKRs e a definição de metas"),
        Topic(.business, "customer retention", "la retención de clientes", "Kundenbindung", "la fidélisation client", "客户留存", "顧客維持", "a retenção de clientes"),
        Topic(.business, "startup fundraising", "la financiación de startups", "Startup-Finanzierung", "la levée de fonds pour les startups", "创业融资", "スタートアップの資金調達", "a captação de recursos para startups"),
        Topic(.business, "negotiation tactics", "las tácticas de negociación", "Verhandlungstaktiken", "les techniques de négociation", "谈判技巧", "交渉術", "as táticas de negociação"),
        Topic(.business, "Scrum project management", "la gestión de proyectos con Scrum", "Projektmanagement mit Scrum", "la gestion de projet avec Scrum", "Scrum项目管理", "スクラムによるプロジェクト管理", "a gestão de projetos com Scrum"),
        Topic(.business, "competitive analysis", "el análisis de la competencia", "Wettbewerbsanalyse", "l'analyse concurrentielle", "竞争分析", "競合分析", "a análise da concorrência"),
    ]

    private static let finance: [Topic] = [
        Topic(.finance, "compound interest", "el interés compuesto", "Zinseszins", "les intérêts composés", "复利", "複利", "os juros compostos"),
        Topic(.finance, "index funds", "los fondos indexados", "Indexfonds", "les fonds indiciels", "指数基金", "インデックスファンド", "os fundos de índice"),
        Topic(.finance, "retirement planning", "la planificación de la jubilación", "Altersvorsorge", "la préparation de la retraite", "退休规划", "老後の資金計画", "o planejamento da aposentadoria"),
        Topic(.finance, "inflation", "la inflación", "Inflation", "l'inflation", "通货膨胀", "インフレ", "a inflação"),
        Topic(.finance, "mortgage refinancing", "la refinanciación de una hipoteca", "Anschlussfinanzierung", "le rachat de crédit immobilier", "房贷再融资", "住宅ローンの借り換え", "o refinanciamento de hipoteca"),
        Topic(.finance, "discounted cash flow valuation", "la valoración por flujos de caja descontados", "DCF-Bewertung", "la valorisation par actualisation des flux de trésorerie", "现金流折现估值", "DCF法による企業価値評価", "a avaliação por fluxo de caixa descontado"),
        Topic(.finance, "personal budgeting", "el presupuesto personal", "private Budgetplanung", "la gestion du budget personnel", "个人预算", "家計の予算管理", "o orçamento pessoal"),
        Topic(.finance, "stock options", "las opciones sobre acciones", "Aktienoptionen", "les stock-options", "股票期权", "ストックオプション", "as opções de ações"),
        Topic(.finance, "credit scores", "la puntuación de crédito", "Kreditwürdigkeit", "le score de crédit", "信用评分", "信用スコア", "o score de crédito"),
        Topic(.finance, "cryptocurrency", "las criptomonedas", "Kryptowährungen", "les cryptomonnaies", "加密货币", "暗号資産", "as criptomoedas"),
        Topic(.finance, "portfolio diversification", "la diversificación de inversiones", "Diversifikation", "la diversification d'un portefeuille", "分散投资", "分散投資", "a diversificação de investimentos"),
        Topic(.finance, "reading a balance sheet", "la lectura de un balance", "Bilanzanalyse", "la lecture d'un bilan", "如何看资产负债表", "貸借対照表の読み方", "a leitura de um balanço patrimonial"),
    ]

    private static let law: [Topic] = [
        Topic(.law, "copyright and fair use", "los derechos de autor y el uso legítimo", "Urheberrecht und Fair Use", "le droit d'auteur et l'usage loyal", "版权与合理使用", "著作権とフェアユース", "os direitos autorais e o uso justo"),
        Topic(.law, "GDPR compliance", "el cumplimiento del RGPD", "DSGVO-Konformität", "la conformité au RGPD", "GDPR合规", "GDPRへの対応", "a conformidade com o GDPR"),
        Topic(.law, "employment contracts", "los contratos de trabajo", "Arbeitsverträge", "les contrats de travail", "劳动合同", "雇用契約", "os contratos de trabalho"),
        Topic(.law, "tenant rights", "los derechos del inquilino", "Mieterrechte", "les droits des locataires", "租客权利", "借主の権利", "os direitos do inquilino"),
        Topic(.law, "non-disclosure agreements", "los acuerdos de confidencialidad", "Geheimhaltungsvereinbarungen", "les accords de confidentialité", "保密协议", "秘密保持契約", "os acordos de confidencialidade"),
        Topic(.law, "trademark registration", "el registro de marcas", "Markenanmeldung", "le dépôt de marque", "商标注册", "商標登録", "o registro de marcas"),
        Topic(.law, "small claims court", "los juicios de menor cuantía", "Klagen mit geringem Streitwert", "la procédure des petits litiges", "小额诉讼", "少額訴訟", "o juizado de pequenas causas"),
        Topic(.law, "software licenses", "las licencias de software", "Softwarelizenzen", "les licences logicielles", "软件许可证", "ソフトウェアライセンス", "as licenças de software"),
        Topic(.law, "wills and inheritance", "los testamentos y la herencia", "Testament und Erbrecht", "les testaments et la succession", "遗嘱与继承", "遺言と相続", "os testamentos e a herança"),
        Topic(.law, "consumer protection law", "la ley de protección al consumidor", "Verbraucherschutzrecht", "le droit de la consommation", "消费者保护法", "消費者保護法", "o código de defesa do consumidor"),
        Topic(.law, "patent basics", "los fundamentos de las patentes", "Patentrecht", "les bases du droit des brevets", "专利基础知识", "特許の基礎", "os fundamentos de patentes"),
        Topic(.law, "terminating a contract", "la rescisión de contratos", "Vertragskündigung", "la résiliation d'un contrat", "合同解除", "契約解除", "a rescisão de contratos"),
    ]

    private static let health: [Topic] = [
        Topic(.health, "intermittent fasting", "el ayuno intermitente", "Intervallfasten", "le jeûne intermittent", "间歇性断食", "断続的断食", "o jejum intermitente"),
        Topic(.health, "sleep hygiene", "la higiene del sueño", "Schlafhygiene", "l'hygiène du sommeil", "睡眠卫生", "睡眠衛生", "a higiene do sono"),
        Topic(.health, "type 2 diabetes", "la diabetes tipo 2", "Typ-2-Diabetes", "le diabète de type 2", "2型糖尿病", "2型糖尿病の予防", "o diabetes tipo 2"),
        Topic(.health, "high blood pressure", "la hipertensión", "Bluthochdruck", "l'hypertension", "高血压", "高血圧", "a pressão alta"),
        Topic(.health, "strength training for beginners", "el entrenamiento de fuerza para principiantes", "Krafttraining für Anfänger", "la musculation pour débutants", "新手力量训练", "初心者向けの筋トレ", "o treino de força para iniciantes"),
        Topic(.health, "managing anxiety", "el manejo de la ansiedad", "Umgang mit Angst", "la gestion de l'anxiété", "缓解焦虑", "不安への対処法", "o controle da ansiedade"),
        Topic(.health, "vitamin D deficiency", "la deficiencia de vitamina D", "Vitamin-D-Mangel", "la carence en vitamine D", "维生素D缺乏", "ビタミンD不足", "a deficiência de vitamina D"),
        Topic(.health, "how vaccines work", "el funcionamiento de las vacunas", "Wirkungsweise von Impfstoffen", "le fonctionnement des vaccins", "疫苗的作用原理", "ワクチンの仕組み", "o funcionamento das vacinas"),
        Topic(.health, "lower back pain", "el dolor lumbar", "Schmerzen im unteren Rücken", "les douleurs lombaires", "腰痛", "腰痛の改善", "a dor lombar"),
        Topic(.health, "balanced nutrition", "la alimentación equilibrada", "ausgewogene Ernährung", "l'alimentation équilibrée", "均衡饮食", "バランスの良い食事", "a alimentação equilibrada"),
        Topic(.health, "seasonal allergies", "las alergias estacionales", "Heuschnupfen", "les allergies saisonnières", "季节性过敏", "花粉症", "as alergias sazonais"),
        Topic(.health, "marathon training", "el entrenamiento para un maratón", "Marathontraining", "la préparation d'un marathon", "马拉松训练", "マラソンのトレーニング", "o treino para maratona"),
    ]

    private static let history: [Topic] = [
        Topic(.history, "the French Revolution", "la Revolución francesa", "Französische Revolution", "la Révolution française", "法国大革命", "フランス革命", "a Revolução Francesa"),
        Topic(.history, "the Roman Empire", "el Imperio romano", "Römisches Reich", "l'Empire romain", "罗马帝国", "ローマ帝国", "o Império Romano"),
        Topic(.history, "World War I", "la Primera Guerra Mundial", "Erster Weltkrieg", "la Première Guerre mondiale", "第一次世界大战", "第一次世界大戦", "a Primeira Guerra Mundial"),
        Topic(.history, "the Cold War", "la Guerra Fría", "Kalter Krieg", "la guerre froide", "冷战", "冷戦", "a Guerra Fria"),
        Topic(.history, "the Industrial Revolution", "la Revolución Industrial", "Industrielle Revolution", "la révolution industrielle", "工业革命", "産業革命", "a Revolução Industrial"),
        Topic(.history, "the Silk Road", "la Ruta de la Seda", "Seidenstraße", "la route de la soie", "丝绸之路", "シルクロード", "a Rota da Seda"),
        Topic(.history, "ancient Egypt", "el antiguo Egipto", "Altes Ägypten", "l'Égypte ancienne", "古埃及", "古代エジプト", "o Egito Antigo"),
        Topic(.history, "the Renaissance", "el Renacimiento", "Renaissance", "la Renaissance", "文艺复兴", "ルネサンス", "o Renascimento"),
        Topic(.history, "the fall of the Berlin Wall", "la caída del Muro de Berlín", "Fall der Berliner Mauer", "la chute du mur de Berlin", "柏林墙倒塌", "ベルリンの壁崩壊", "a queda do Muro de Berlim"),
        Topic(.history, "the Ming dynasty", "la dinastía Ming", "Ming-Dynastie", "la dynastie Ming", "明朝", "明王朝", "a dinastia Ming"),
        Topic(.history, "the civil rights movement", "el movimiento por los derechos civiles", "US-Bürgerrechtsbewegung", "le mouvement des droits civiques", "美国民权运动", "公民権運動", "o movimento pelos direitos civis"),
        Topic(.history, "the Meiji Restoration", "la Restauración Meiji", "Meiji-Restauration", "la restauration de Meiji", "明治维新", "明治維新", "a Restauração Meiji"),
    ]

    private static let writing: [Topic] = [
        Topic(.writing, "cover letters", "las cartas de presentación", "Bewerbungsanschreiben", "les lettres de motivation", "求职信", "カバーレターの書き方", "as cartas de apresentação"),
        Topic(.writing, "persuasive essays", "los ensayos argumentativos", "Erörterungen", "les dissertations argumentatives", "议论文写作", "説得力のある小論文", "as redações argumentativas"),
        Topic(.writing, "short story structure", "la estructura de un cuento", "Aufbau einer Kurzgeschichte", "la structure d'une nouvelle", "短篇小说结构", "短編小説の構成", "a estrutura de um conto"),
        Topic(.writing, "APA citations", "las citas en formato APA", "Zitieren nach APA", "les citations au format APA", "APA格式引用", "APA形式の引用", "as citações no formato APA"),
        Topic(.writing, "thesis statements", "la tesis de un ensayo", "Thesenformulierung", "la problématique d'une dissertation", "论文论点", "論文の主張の書き方", "a tese de uma redação"),
        Topic(.writing, "blog post headlines", "los titulares para blogs", "Überschriften für Blogartikel", "les titres d'articles de blog", "博客标题", "ブログ記事のタイトル", "os títulos para posts de blog"),
        Topic(.writing, "poetic meter", "la métrica en la poesía", "Versmaß in der Lyrik", "la métrique en poésie", "诗歌格律", "詩の韻律", "a métrica na poesia"),
        Topic(.writing, "editing for clarity", "la corrección de estilo", "verständliches Schreiben", "la clarté rédactionnelle", "提高文字清晰度", "わかりやすい文章の書き方", "a revisão de textos para clareza"),
        Topic(.writing, "wedding speeches", "los discursos de boda", "Hochzeitsreden", "les discours de mariage", "婚礼致辞", "結婚式のスピーチ", "os discursos de casamento"),
        Topic(.writing, "screenwriting", "la escritura de guiones", "Drehbuchschreiben", "l'écriture de scénarios", "剧本写作", "脚本の書き方", "a escrita de roteiros"),
        Topic(.writing, "LinkedIn profile summaries", "el resumen del perfil de LinkedIn", "LinkedIn-Profiltexte", "le résumé d'un profil LinkedIn", "领英个人简介", "LinkedInのプロフィール文", "o resumo do perfil no LinkedIn"),
        Topic(.writing, "grant proposals", "las propuestas de subvención", "Förderanträge", "les demandes de subvention", "项目资助申请书", "助成金の申請書", "as propostas de financiamento"),
    ]

    private static let travel: [Topic] = [
        Topic(.travel, "a one-week itinerary for Japan", "el itinerario de una semana en Japón", "Reiseplanung für eine Woche Japan", "un itinéraire d'une semaine au Japon", "日本一周行程", "1週間の日本旅行プラン", "o roteiro de uma semana no Japão"),
        Topic(.travel, "budget backpacking in Europe", "los viajes de mochilero por Europa", "Backpacking in Europa mit kleinem Budget", "le voyage sac à dos en Europe", "欧洲穷游", "ヨーロッパの格安バックパッカー旅行", "o mochilão pela Europa"),
        Topic(.travel, "travel insurance", "el seguro de viaje", "Reiseversicherung", "l'assurance voyage", "旅游保险", "旅行保険", "o seguro viagem"),
        Topic(.travel, "Schengen visa requirements", "los requisitos del visado Schengen", "Schengen-Visum", "les conditions du visa Schengen", "申根签证要求", "シェンゲンビザの要件", "os requisitos do visto Schengen"),
        Topic(.travel, "packing light", "el arte de viajar ligero", "Packen mit leichtem Gepäck", "l'art de voyager léger", "轻装出行", "荷物を減らす旅のコツ", "a arte de viajar com pouca bagagem"),
        Topic(.travel, "jet lag", "el jet lag", "Jetlag", "le décalage horaire", "倒时差", "時差ぼけ", "o jet lag"),
        Topic(.travel, "an Iceland road trip", "la ruta en coche por Islandia", "Roadtrip durch Island", "le road trip en Islande", "冰岛自驾游", "アイスランドのドライブ旅行", "a viagem de carro pela Islândia"),
        Topic(.travel, "travelling with kids", "los viajes con niños", "Reisen mit Kindern", "les voyages avec des enfants", "带孩子旅行", "子連れ旅行", "as viagens com crianças"),
        Topic(.travel, "finding cheap flights", "la búsqueda de vuelos baratos", "günstige Flüge", "la recherche de vols pas chers", "订便宜机票", "格安航空券の探し方", "a busca por passagens baratas"),
        Topic(.travel, "solo travel safety", "la seguridad al viajar solo", "Sicherheit auf Alleinreisen", "la sécurité en voyage solo", "独自旅行的安全", "一人旅の安全対策", "a segurança em viagens sozinho"),
        Topic(.travel, "public transport in Paris", "el transporte público en París", "Nahverkehr in Paris", "les transports en commun à Paris", "巴黎公共交通", "パリの公共交通機関", "o transporte público em Paris"),
        Topic(.travel, "sustainable tourism", "el turismo sostenible", "nachhaltiger Tourismus", "le tourisme durable", "可持续旅游", "持続可能な観光", "o turismo sustentável"),
    ]

    private static let cooking: [Topic] = [
        Topic(.cooking, "sourdough bread", "el pan de masa madre", "Sauerteigbrot", "le pain au levain", "酸面包", "サワードウブレッド", "o pão de fermentação natural"),
        Topic(.cooking, "weekly meal prep", "la preparación de comidas para la semana", "Meal Prep für die Woche", "le batch cooking", "一周备餐", "作り置きの献立", "o preparo de marmitas para a semana"),
        Topic(.cooking, "vegetarian protein sources", "las fuentes de proteína vegetariana", "vegetarische Proteinquellen", "les sources de protéines végétariennes", "素食蛋白质来源", "ベジタリアン向けのタンパク源", "as fontes de proteína vegetariana"),
        Topic(.cooking, "knife skills", "las técnicas de corte con cuchillo", "Messertechniken", "les techniques de découpe au couteau", "刀工", "包丁の使い方", "as técnicas de corte com faca"),
        Topic(.cooking, "home fermentation", "la fermentación casera", "Fermentieren zu Hause", "la fermentation maison", "家庭发酵", "自家製の発酵食品", "a fermentação caseira"),
        Topic(.cooking, "Italian pasta sauces", "las salsas italianas para pasta", "italienische Pastasaucen", "les sauces italiennes pour les pâtes", "意大利面酱", "イタリアのパスタソース", "os molhos italianos para massas"),
        Topic(.cooking, "baking substitutions", "los sustitutos en repostería", "Ersatzzutaten beim Backen", "les substitutions en pâtisserie", "烘焙替代食材", "お菓子作りの代用材料", "as substituições na confeitaria"),
        Topic(.cooking, "sous vide cooking", "la cocción al vacío", "Sous-vide-Garen", "la cuisson sous vide", "低温慢煮", "低温調理", "o cozimento sous vide"),
        Topic(.cooking, "Thai curry", "el curry tailandés", "Thai-Curry", "le curry thaï", "泰式咖喱", "タイカレー", "o curry tailandês"),
        Topic(.cooking, "food storage and safety", "la seguridad y la conservación de alimentos", "Lebensmittelsicherheit und Lagerung", "la sécurité et la conservation des aliments", "食品安全与储存", "食品の安全な保存", "a segurança e o armazenamento de alimentos"),
        Topic(.cooking, "cooking perfect rice", "la cocción perfecta del arroz", "perfekter Reis", "la cuisson parfaite du riz", "煮米饭的技巧", "ご飯の上手な炊き方", "o cozimento perfeito do arroz"),
        Topic(.cooking, "gluten-free baking", "la repostería sin gluten", "glutenfreies Backen", "la pâtisserie sans gluten", "无麸质烘焙", "グルテンフリーのお菓子作り", "a confeitaria sem glúten"),
    ]

    private static let education: [Topic] = [
        Topic(.education, "study techniques for exams", "las técnicas de estudio para exámenes", "Lerntechniken für Prüfungen", "les techniques de révision", "考试复习方法", "試験勉強のコツ", "as técnicas de estudo para provas"),
        Topic(.education, "spaced repetition", "la repetición espaciada", "verteilte Wiederholung", "la répétition espacée", "间隔重复", "間隔反復", "a repetição espaçada"),
        Topic(.education, "lesson planning", "la planificación de clases", "Unterrichtsplanung", "la préparation de cours", "备课", "授業計画", "o planejamento de aulas"),
        Topic(.education, "learning a second language", "el aprendizaje de un segundo idioma", "Fremdsprachenlernen", "l'apprentissage d'une langue étrangère", "学习第二语言", "第二言語の習得", "o aprendizado de um segundo idioma"),
        Topic(.education, "college applications", "las solicitudes de admisión a la universidad", "Studienbewerbung", "les candidatures à l'université", "大学申请", "大学の出願", "as inscrições para a faculdade"),
        Topic(.education, "classroom management", "la gestión del aula", "Klassenführung", "la gestion de classe", "课堂管理", "学級経営", "a gestão da sala de aula"),
        Topic(.education, "teaching fractions to kids", "la enseñanza de fracciones a niños", "Bruchrechnung für Kinder", "l'enseignement des fractions aux enfants", "给孩子讲分数", "子どもに分数を教える方法", "o ensino de frações para crianças"),
        Topic(.education, "online learning platforms", "las plataformas de aprendizaje en línea", "Online-Lernplattformen", "les plateformes d'apprentissage en ligne", "在线学习平台", "オンライン学習プラットフォーム", "as plataformas de ensino online"),
        Topic(.education, "critical thinking", "el pensamiento crítico", "kritisches Denken", "l'esprit critique", "批判性思维", "批判的思考", "o pensamento crítico"),
        Topic(.education, "research papers", "la redacción de un trabajo de investigación", "wissenschaftliche Hausarbeiten", "la rédaction d'un mémoire", "研究论文写作", "研究論文の書き方", "a redação de um artigo científico"),
        Topic(.education, "student motivation", "la motivación de los estudiantes", "Motivation von Schülern", "la motivation des élèves", "学生学习动机", "生徒のやる気", "a motivação dos alunos"),
        Topic(.education, "SAT preparation", "la preparación para el SAT", "SAT-Vorbereitung", "la préparation au SAT", "SAT备考", "SAT対策", "a preparação para o SAT"),
    ]

    private static let customerSupport: [Topic] = [
        Topic(.customerSupport, "refund requests", "las solicitudes de reembolso", "Rückerstattungsanfragen", "les demandes de remboursement", "退款申请", "返金リクエスト", "os pedidos de reembolso"),
        Topic(.customerSupport, "delayed deliveries", "los envíos retrasados", "verspätete Lieferungen", "les livraisons en retard", "快递延误", "配送の遅延", "as entregas atrasadas"),
        Topic(.customerSupport, "password reset problems", "los problemas para restablecer la contraseña", "Probleme beim Zurücksetzen des Passworts", "les problèmes de réinitialisation du mot de passe", "密码重置问题", "パスワード再設定のトラブル", "os problemas para redefinir a senha"),
        Topic(.customerSupport, "subscription cancellations", "la cancelación de una suscripción", "Abo-Kündigung", "la résiliation d'un abonnement", "取消订阅", "サブスクリプションの解約", "o cancelamento de uma assinatura"),
        Topic(.customerSupport, "billing errors", "los errores de facturación", "Fehler in der Rechnung", "les erreurs de facturation", "账单错误", "請求の誤り", "os erros de cobrança"),
        Topic(.customerSupport, "handling angry customers", "la atención a clientes enfadados", "Umgang mit verärgerten Kunden", "la gestion des clients mécontents", "处理愤怒的客户", "怒っている顧客への対応", "o atendimento a clientes irritados"),
        Topic(.customerSupport, "warranty claims", "las reclamaciones de garantía", "Garantieansprüche", "les réclamations sous garantie", "保修索赔", "保証の請求", "as solicitações de garantia"),
        Topic(.customerSupport, "account security alerts", "las alertas de seguridad de la cuenta", "Sicherheitswarnungen zum Konto", "les alertes de sécurité du compte", "账户安全警报", "アカウントのセキュリティ警告", "os alertas de segurança da conta"),
        Topic(.customerSupport, "return policies", "las políticas de devolución", "Rückgaberichtlinien", "les politiques de retour", "退货政策", "返品ポリシー", "as políticas de devolução"),
        Topic(.customerSupport, "an app that crashes on startup", "los cierres de la app al iniciarla", "App-Abstürze beim Start", "les plantages de l'application au démarrage", "应用启动时崩溃", "起動時にアプリが落ちる問題", "os travamentos do app ao abrir"),
        Topic(.customerSupport, "escalating a complaint", "la escalada de una queja", "Eskalation einer Beschwerde", "l'escalade d'une réclamation", "投诉升级", "クレームのエスカレーション", "o escalonamento de uma reclamação"),
        Topic(.customerSupport, "international shipping", "los envíos internacionales", "internationaler Versand", "l'expédition à l'international", "国际运输", "海外配送", "o envio internacional"),
    ]

    private static let everyday: [Topic] = [
        Topic(.everyday, "growing tomatoes", "el cultivo de tomates", "Tomatenanbau", "la culture des tomates", "种番茄", "トマトの育て方", "o cultivo de tomates"),
        Topic(.everyday, "houseplant care", "el cuidado de las plantas de interior", "Zimmerpflanzenpflege", "l'entretien des plantes d'intérieur", "室内植物养护", "観葉植物の手入れ", "o cuidado com plantas de interior"),
        Topic(.everyday, "fixing a leaky faucet", "la reparación de un grifo que gotea", "tropfende Wasserhähne", "la réparation d'un robinet qui fuit", "修理漏水的水龙头", "水漏れする蛇口の修理", "o conserto de uma torneira pingando"),
        Topic(.everyday, "dog training", "el adiestramiento de perros", "Hundetraining", "le dressage des chiens", "训狗", "犬のしつけ", "o adestramento de cães"),
        Topic(.everyday, "moving to a new city", "la mudanza a una nueva ciudad", "Umzug in eine neue Stadt", "le déménagement dans une nouvelle ville", "搬到新城市", "新しい街への引っ越し", "a mudança para uma nova cidade"),
        Topic(.everyday, "wedding planning", "la organización de una boda", "Hochzeitsplanung", "l'organisation d'un mariage", "婚礼筹备", "結婚式の準備", "o planejamento de um casamento"),
        Topic(.everyday, "toddler sleep routines", "las rutinas de sueño de los niños pequeños", "Schlafroutinen für Kleinkinder", "les routines de sommeil des tout-petits", "幼儿睡眠习惯", "幼児の寝かしつけ", "as rotinas de sono de crianças pequenas"),
        Topic(.everyday, "decluttering", "el orden en casa", "Ausmisten", "le désencombrement", "断舍离", "断捨離", "a organização da casa"),
        Topic(.everyday, "buying a used car", "la compra de un coche de segunda mano", "Gebrauchtwagenkauf", "l'achat d'une voiture d'occasion", "买二手车", "中古車の買い方", "a compra de um carro usado"),
        Topic(.everyday, "job interviews", "las entrevistas de trabajo", "Vorstellungsgespräche", "les entretiens d'embauche", "求职面试", "就職面接", "as entrevistas de emprego"),
        Topic(.everyday, "time management", "la gestión del tiempo", "Zeitmanagement", "la gestion du temps", "时间管理", "時間管理", "a gestão do tempo"),
        Topic(.everyday, "birthday party ideas", "las ideas para fiestas de cumpleaños", "Geburtstagsfeiern", "les idées de fêtes d'anniversaire", "生日派对创意", "誕生日パーティーのアイデア", "as ideias para festas de aniversário"),
    ]
}
