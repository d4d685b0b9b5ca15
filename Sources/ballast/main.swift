import Stochastics
print(StandardNormal.cdf(1.96))
