print("distillbench")
