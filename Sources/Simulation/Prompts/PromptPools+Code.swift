// Code snippets pasted into debugging prompts: short, each with a classic bug. Shared by every
// language (people paste code as it is, comments included).

extension PromptPools {
    static let codeSnippetPool: [String] = [
        """
        def average(nums):
            total = 0
            for n in nums:
                total += n
            return total / len(nums) - 1
        """,
        """
        async function getData(url) {
          const res = fetch(url);
          return res.json();
        }
        """,
        """
        for i in range(len(items) + 1):
            print(items[i])
        """,
        """
        SELECT name, COUNT(*) FROM orders
        JOIN customers ON orders.customer_id = customers.id
        WHERE total > 100;
        """,
        """
        public boolean isEqual(String a, String b) {
            return a == b;
        }
        """,
        """
        def add_item(item, items=[]):
            items.append(item)
            return items
        """,
        """
        var scores: [String: Int] = [:]
        scores["ana"]! += 1
        """,
        """
        for i := 0; i < 3; i++ {
            go func() { fmt.Println(i) }()
        }
        wg.Wait()
        """,
        """
        char *copy(const char *s) {
            char buf[64];
            strcpy(buf, s);
            return buf;
        }
        """,
        """
        age = input("Age: ")
        if age > 18:
            print("adult")
        """,
        """
        const counter = { n: 0, inc: () => { this.n++; } };
        counter.inc();
        console.log(counter.n); // still 0??
        """,
        """
        for f in $(ls *.txt); do
          mv $f ${f%.txt}.md
        done
        """,
        """
        df = pd.read_csv("data.csv")
        df[df["price"] > 100]["discount"] = 0.1
        print(df.head())
        """,
        """
        useEffect(() => {
          fetch("/api/items").then(r => r.json()).then(setItems);
        });
        """,
    ]
}
