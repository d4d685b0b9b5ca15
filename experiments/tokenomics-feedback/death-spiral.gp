# The minted backstop across ETH shocks (run.sh, part 3): how often it turns into a death spiral (it mints
# more than the token's opening supply), and the median final token price with and without it.
# results/summary.csv (200 replicates per point; Wilson 95% bars). Redraw: gnuplot death-spiral.gp
set encoding utf8
set datafile separator comma
set grid lc rgb '#dddddd'
set xrange [0.27:0.73]
set xlabel 'ETH shock at tick 200 (fraction of the price)'
set linetype 1 lc rgb '#000000' lw 2 pt 7
set linetype 2 lc rgb '#D55E00' lw 2 pt 9
s = 'results/summary.csv'
do for [fmt in 'png svg'] {
    if (fmt eq 'png') { set terminal pngcairo noenhanced size 1300,900 font 'Sans,14'; set output 'death-spiral.png' }
    if (fmt eq 'svg') { set terminal svg noenhanced size 1300,900 font 'Sans,14'; set output 'death-spiral.svg' }
    set multiplot layout 2,1 title 'A minted backstop: covering bad debt by selling new tokens into their own pool' noenhanced
    set ylabel 'P(minted > opening supply)'
    set yrange [0:1.02]
    set key right bottom box
    plot s every ::1 using (strcol(1) eq 'backstop-on' ? 1-$2 : NaN):15:16:17 with yerrorlines lt 2 title 'minted backstop: a death spiral'
    set ylabel 'median final token price / opening'
    set logscale y
    set yrange [1e-10:2]
    set format y '%.0e'
    set key left bottom box
    plot s every ::1 using (strcol(1) eq 'backstop-off' ? 1-$2 : NaN):13 with linespoints lt 1 title 'no backstop', \
         s every ::1 using (strcol(1) eq 'backstop-on' ? 1-$2 : NaN):13 with linespoints lt 2 title 'minted backstop'
    unset logscale y
    unset format y
    unset multiplot
}
