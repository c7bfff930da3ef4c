// Code pasted into prompts: short snippets with a classic bug, and files, diffs and stack
// traces. Shared by every language (people paste code as it is, comments included).

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

extension PromptPools {
    /// Files, diffs and stack traces pasted as context (coding agents send them on most
    /// turns); appended to ``codeSnippetPool`` as one pool.
    static let pastedCodePool: [String] = [
        """
        Traceback (most recent call last):
          File "app/main.py", line 42, in <module>
            run(config)
          File "app/main.py", line 17, in run
            rows = load(config["path"])
        KeyError: 'path'
        """,
        """
        TypeError: Cannot read properties of undefined (reading 'map')
            at ItemList (src/components/ItemList.jsx:12:23)
            at renderWithHooks (react-dom.development.js:14985:18)
        """,
        """
        --- a/src/cache.py
        +++ b/src/cache.py
        @@ -10,7 +10,7 @@ def get(key):
        -    if key in store:
        +    if key in store and not expired(key):
                 return store[key]
             return None
        """,
        """
        Exception in thread "main" java.lang.NullPointerException
            at com.example.orders.OrderService.total(OrderService.java:58)
            at com.example.orders.Main.main(Main.java:14)
        """,
        """
        error[E0502]: cannot borrow `items` as mutable because it is also borrowed as immutable
          --> src/main.rs:9:5
           |
        8  |     let first = &items[0];
        9  |     items.push(4);
        """,
        """
        import pandas as pd

        def monthly_totals(path):
            df = pd.read_csv(path, parse_dates=["date"])
            return df.groupby(df["date"].dt.month)["amount"].sum()
        """,
        """
        export async function saveUser(db, user) {
          const existing = await db.users.findOne({ email: user.email });
          if (existing) throw new Error("duplicate email");
          return db.users.insert(user);
        }
        """,
        """
        func loadSettings() throws -> Settings {
            let data = try Data(contentsOf: settingsURL)
            return try JSONDecoder().decode(Settings.self, from: data)
        }
        """,
        """
        $ npm run build
        ERROR in ./src/index.ts 3:0-28
        Module not found: Error: Can't resolve './utils/format'
        """,
        """
        diff --git a/api/routes.go b/api/routes.go
        @@ -21,6 +21,9 @@ func Register(r *mux.Router) {
         	r.HandleFunc("/items", listItems).Methods("GET")
        +	r.HandleFunc("/items/{id}", getItem).Methods("GET")
        +	r.HandleFunc("/items", createItem).Methods("POST")
         }
        """,
        """
        CREATE TABLE orders (
          id SERIAL PRIMARY KEY,
          customer_id INT REFERENCES customers(id),
          total NUMERIC(10, 2) NOT NULL,
          created_at TIMESTAMP DEFAULT now()
        );
        """,
        """
        FAILED tests/test_parser.py::test_empty_input - AssertionError: assert [] == None
        ========== 1 failed, 37 passed in 2.41s ==========
        """,
        """
        class RateLimiter:
            def __init__(self, limit, window):
                self.limit = limit
                self.window = window
                self.calls = []

            def allow(self, now):
                self.calls = [t for t in self.calls if now - t < self.window]
                return len(self.calls) < self.limit
        """,
        """
        services:
          web:
            build: .
            ports:
              - "8080:80"
            depends_on:
              - db
          db:
            image: postgres:16
        """,
    ]
}
