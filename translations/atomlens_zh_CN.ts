<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AtomEdits</name>
    <message numerus="yes">
        <source>Relabel %n atom(s)</source>
        <translation>
            <numerusform>重新标注 %n 个原子</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept atoms</source>
        <translation>接受原子</translation>
    </message>
    <message>
        <source>Reject atoms</source>
        <translation>拒绝原子</translation>
    </message>
    <message>
        <source>Add atom</source>
        <translation>添加原子</translation>
    </message>
    <message>
        <source>Move atom</source>
        <translation>移动原子</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n atom(s)</source>
        <translation>
            <numerusform>删除 %n 个原子</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit classes</source>
        <translation>编辑类别</translation>
    </message>
</context>
<context>
    <name>DisplaySettings</name>
    <message>
        <source>grey</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>inferno</source>
        <translation>inferno</translation>
    </message>
    <message>
        <source>viridis</source>
        <translation>viridis</translation>
    </message>
    <message>
        <source>fire</source>
        <translation>火焰</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>unclassified (%1)</source>
        <translation>未分类 (%1)</translation>
    </message>
    <message>
        <source>rejected (%1)</source>
        <translation>已拒绝（%1）</translation>
    </message>
    <message>
        <source>reviewed (white dot) (%1)</source>
        <translation>已审核（白点）（%1）</translation>
    </message>
    <message>
        <source>empty ideal site (%1)</source>
        <translation>空的理想位 (%1)</translation>
    </message>
</context>
<context>
    <name>StepTexts</name>
    <message>
        <source>Detect</source>
        <translation>检测</translation>
    </message>
    <message>
        <source>-1 = keep atoms at the border</source>
        <translation>-1 = 保留边缘处的原子</translation>
    </message>
    <message>
        <source>0 = 0.35 x nearest-neighbour distance</source>
        <translation>0 = 0.35 x 最近邻距离</translation>
    </message>
    <message>
        <source>0 = 1.2 x sqrt(3) x bond length</source>
        <translation>0 = 1.2 x sqrt(3) x 键长</translation>
    </message>
    <message>
        <source>0 = 3 sigma</source>
        <translation>0 = 3 sigma</translation>
    </message>
    <message>
        <source>0 = estimate from scale space</source>
        <translation>0 = 由尺度空间估计</translation>
    </message>
    <message>
        <source>0 = estimate from the FFT</source>
        <translation>0 = 由 FFT 估计</translation>
    </message>
    <message>
        <source>0 = estimate from the image</source>
        <translation>0 = 由图像估计</translation>
    </message>
    <message>
        <source>0 = from detection</source>
        <translation>0 = 取自检测</translation>
    </message>
    <message>
        <source>0 = from the bond length</source>
        <translation>0 = 由键长确定</translation>
    </message>
    <message>
        <source>0 = from the image (autocorrelation)</source>
        <translation>0 = 由图像确定（自相关）</translation>
    </message>
    <message>
        <source>0 = half the spacing</source>
        <translation>0 = 间距的一半</translation>
    </message>
    <message>
        <source>0 = one lattice period</source>
        <translation>0 = 一个晶格周期</translation>
    </message>
    <message>
        <source>0 = strain relative to the image&apos;s median lattice</source>
        <translation>0 = 相对于图像中位晶格的应变</translation>
    </message>
    <message>
        <source>0 = use the detected columns as they are</source>
        <translation>0 = 直接使用检测到的原子列</translation>
    </message>
    <message>
        <source>Bond statistics</source>
        <translation>键统计</translation>
    </message>
    <message>
        <source>C-C bond length</source>
        <translation>C-C 键长</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Classify with a sub-model</source>
        <translation>用子模型分类</translation>
    </message>
    <message>
        <source>Clusters the cells of the graph by their Zernike descriptors (Gaussian mixture, BIC) into motifs with a containment hierarchy; columns &apos;motif&apos; (cluster) and &apos;domain&apos; (enclosing motif)</source>
        <translation>按 Zernike 描述符（高斯混合，BIC）将图的单元聚类为具有包含层级的基元；列 &apos;motif&apos;（簇）和 &apos;domain&apos;（外层基元）</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Column sigma</source>
        <translation>原子列 sigma</translation>
    </message>
    <message>
        <source>Column spacing</source>
        <translation>原子列间距</translation>
    </message>
    <message>
        <source>Count near</source>
        <translation>邻近计数</translation>
    </message>
    <message>
        <source>Count per class</source>
        <translation>按类别计数</translation>
    </message>
    <message>
        <source>Counts atoms matching &apos;target&apos; with an atom matching &apos;near&apos; within &apos;hops&apos; bonds, and marks them</source>
        <translation>统计符合 &apos;target&apos; 且在 &apos;hops&apos; 个键内有符合 &apos;near&apos; 的原子的原子，并标记它们</translation>
    </message>
    <message>
        <source>Counts per class, bond length and angle distributions, strain, vacancy lines and dopant neighbourhoods (statistics/*.csv)</source>
        <translation>按类别计数、键长与键角分布、应变、空位线和掺杂原子邻域（statistics/*.csv）</translation>
    </message>
    <message>
        <source>Counts rows per value of a result column (or of the atom class)</source>
        <translation>按结果列（或原子类别）的取值统计行数</translation>
    </message>
    <message>
        <source>Dark offset</source>
        <translation>暗电流偏移</translation>
    </message>
    <message>
        <source>Delaunay with an edge cut (planar, gives rings), k nearest, or a fixed radius</source>
        <translation>带边长截断的 Delaunay（平面图，可得到环）、k 近邻或固定半径</translation>
    </message>
    <message>
        <source>Describe</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Detect atoms</source>
        <translation>检测原子</translation>
    </message>
    <message>
        <source>Detection threshold</source>
        <translation>检测阈值</translation>
    </message>
    <message>
        <source>Detector gain</source>
        <translation>探测器增益</translation>
    </message>
    <message>
        <source>Dopant bond cut</source>
        <translation>掺杂原子成键截断</translation>
    </message>
    <message>
        <source>Dopant classes</source>
        <translation>掺杂原子类别</translation>
    </message>
    <message>
        <source>Dopant contrast</source>
        <translation>掺杂原子衬度</translation>
    </message>
    <message>
        <source>Drift correction, tracking of atoms and empty sites through every frame, per-site histories and vacancy-line events (series/*)</source>
        <translation>漂移校正，在每一帧中跟踪原子和空位点，逐位点历史和空位线事件（series/*）</translation>
    </message>
    <message>
        <source>Edge margin</source>
        <translation>边缘留白</translation>
    </message>
    <message>
        <source>Empty sites are vacancies</source>
        <translation>空位点即空位</translation>
    </message>
    <message>
        <source>Empty-site agreement</source>
        <translation>空位点一致度</translation>
    </message>
    <message>
        <source>Environment radius</source>
        <translation>环境半径</translation>
    </message>
    <message>
        <source>Find empty ideal sites</source>
        <translation>寻找空的理想位点</translation>
    </message>
    <message>
        <source>Finds atom columns (classical filters + Gaussian fits, or the FCN) with sub-pixel positions</source>
        <translation>寻找原子列（经典滤波 + 高斯拟合，或 FCN），给出亚像素位置</translation>
    </message>
    <message>
        <source>Fit window radius</source>
        <translation>拟合窗口半径</translation>
    </message>
    <message>
        <source>Fitting sample</source>
        <translation>拟合样本</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>门限</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>图</translation>
    </message>
    <message>
        <source>Graphene columns at the image&apos;s own bond length, the honeycomb completed, dopants by brightness and their coordination (3-fold / 4-fold) from the bond graph, with a confidence</source>
        <translation>以图像自身键长检测石墨烯原子列，补全蜂窝结构，按亮度识别掺杂原子并由键图给出其配位（三/四配位）及置信度</translation>
    </message>
    <message>
        <source>Graphene dopants</source>
        <translation>石墨烯掺杂原子</translation>
    </message>
    <message>
        <source>Histogram bins</source>
        <translation>直方图分箱数</translation>
    </message>
    <message>
        <source>Honeycomb completion rounds</source>
        <translation>蜂窝补全轮数</translation>
    </message>
    <message>
        <source>Ignore patch brightness</source>
        <translation>忽略图块亮度</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>Joint fit below</source>
        <translation>联合拟合距离</translation>
    </message>
    <message>
        <source>Largest gap</source>
        <translation>最大间隔</translation>
    </message>
    <message>
        <source>Largest number of clusters</source>
        <translation>最大簇数</translation>
    </message>
    <message>
        <source>Largest ring</source>
        <translation>最大环</translation>
    </message>
    <message>
        <source>Lattice graph</source>
        <translation>晶格图</translation>
    </message>
    <message>
        <source>Lattice-guided search</source>
        <translation>晶格引导搜索</translation>
    </message>
    <message>
        <source>Likelihood</source>
        <translation>似然</translation>
    </message>
    <message>
        <source>Local fit radius</source>
        <translation>局部拟合半径</translation>
    </message>
    <message>
        <source>Longest edge</source>
        <translation>最长边</translation>
    </message>
    <message>
        <source>Longest edge (absolute)</source>
        <translation>最长边（绝对值）</translation>
    </message>
    <message>
        <source>Merge clusters closer than</source>
        <translation>合并距离小于此值的簇</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Minimum separation</source>
        <translation>最小间距</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Motifs (unsupervised)</source>
        <translation>基元（无监督）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Near</source>
        <translation>邻近</translation>
    </message>
    <message>
        <source>Neighbour graph, rings, local ideal lattice, empty ideal sites (vacancy candidates) and strain</source>
        <translation>近邻图、环、局部理想晶格、空的理想位点（候选空位）和应变</translation>
    </message>
    <message>
        <source>Neighbours (knn)</source>
        <translation>近邻数（knn）</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Node descriptors</source>
        <translation>节点描述符</translation>
    </message>
    <message>
        <source>Pixel patch</source>
        <translation>像素图块</translation>
    </message>
    <message>
        <source>Principal components</source>
        <translation>主成分</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Read noise</source>
        <translation>读出噪声</translation>
    </message>
    <message>
        <source>Refine positions</source>
        <translation>精修位置</translation>
    </message>
    <message>
        <source>Rescue outlier fits</source>
        <translation>挽救离群拟合</translation>
    </message>
    <message>
        <source>Ring patch radius</source>
        <translation>环图块半径</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Runs an EGNN sub-model over every node of the lattice graph in one pass</source>
        <translation>一次性对晶格图的每个节点运行 EGNN 子模型</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>序列</translation>
    </message>
    <message>
        <source>Set atom classes</source>
        <translation>设置原子类别</translation>
    </message>
    <message>
        <source>Site match tolerance</source>
        <translation>位点匹配容差</translation>
    </message>
    <message>
        <source>Site when seen in</source>
        <translation>位点出现比例</translation>
    </message>
    <message>
        <source>Starting column sigma</source>
        <translation>原子列 sigma 初值</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>结构</translation>
    </message>
    <message>
        <source>Sub-pixel positions of the atoms: Gaussian fits (neighbours subtracted), then a Poisson likelihood pass with standard errors</source>
        <translation>原子的亚像素位置：高斯拟合（扣除近邻），然后进行带标准误差的泊松似然精修</translation>
    </message>
    <message>
        <source>Sub-pixel refinement</source>
        <translation>亚像素精修</translation>
    </message>
    <message>
        <source>Subtract neighbours</source>
        <translation>扣除近邻</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Track a series</source>
        <translation>跟踪序列</translation>
    </message>
    <message>
        <source>Track empty ideal sites</source>
        <translation>跟踪空的理想位点</translation>
    </message>
    <message>
        <source>Unstrained lattice constant</source>
        <translation>无应变晶格常数</translation>
    </message>
    <message>
        <source>Vacancy below</source>
        <translation>空位阈值</translation>
    </message>
    <message>
        <source>Vacancy classes</source>
        <translation>空位类别</translation>
    </message>
    <message>
        <source>Vacancy line link</source>
        <translation>空位线连接距离</translation>
    </message>
    <message>
        <source>Within</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Zernike moments</source>
        <translation>Zernike 矩</translation>
    </message>
    <message>
        <source>Zernike order</source>
        <translation>Zernike 阶数</translation>
    </message>
    <message>
        <source>Zernike patch radius</source>
        <translation>Zernike 图块半径</translation>
    </message>
    <message>
        <source>a column brighter than this x the median column is a dopant</source>
        <translation>亮度超过中位原子列此倍数的原子列视为掺杂原子</translation>
    </message>
    <message>
        <source>also use the answer as the atoms&apos; class</source>
        <translation>同时将结果作为原子的类别</translation>
    </message>
    <message>
        <source>auto: chosen from the image (lattice or single atoms); classical: band-pass, peaks and Gaussian fits; fcn: the segmentation network</source>
        <translation>auto：根据图像选择（晶格或单原子）；classical：带通滤波、峰值和高斯拟合；fcn：分割网络</translation>
    </message>
    <message>
        <source>centre of mass + elliptical Gaussian fits</source>
        <translation>质心 + 椭圆高斯拟合</translation>
    </message>
    <message>
        <source>columns closer than this are fitted as one model</source>
        <translation>距离小于此值的原子列作为一个模型联合拟合</translation>
    </message>
    <message>
        <source>comma-separated class names</source>
        <translation>以逗号分隔的类别名称</translation>
    </message>
    <message>
        <source>e.g. empty, or mos2-vacancy=isolated|line</source>
        <translation>例如 empty，或 mos2-vacancy=isolated|line</translation>
    </message>
    <message>
        <source>e.g. mos2-dopant=dopant</source>
        <translation>例如 mos2-dopant=dopant</translation>
    </message>
    <message>
        <source>edges longer than this multiple of the typical bond length are dropped</source>
        <translation>长于典型键长此倍数的边将被舍弃</translation>
    </message>
    <message>
        <source>fraction of the frames</source>
        <translation>帧的比例</translation>
    </message>
    <message>
        <source>fraction of the median chalcogen amplitude</source>
        <translation>硫族原子振幅中位数的比例</translation>
    </message>
    <message>
        <source>frames; -1 = no limit</source>
        <translation>帧；-1 = 不限</translation>
    </message>
    <message>
        <source>graph distance (0 = the atom itself)</source>
        <translation>图距离（0 = 原子本身）</translation>
    </message>
    <message>
        <source>look for dim columns where the lattice of the detected atoms predicts a site</source>
        <translation>在检测到的原子所构成晶格预测的位点处寻找暗原子列</translation>
    </message>
    <message>
        <source>mixture components closer than this are one motif (0 = no merging)</source>
        <translation>距离小于此值的混合分量视为同一基元（0 = 不合并）</translation>
    </message>
    <message>
        <source>model for method fcn</source>
        <translation>fcn 方法使用的模型</translation>
    </message>
    <message>
        <source>motif cells: Zernike disk radius when zernike_radius is 0</source>
        <translation>基元单元：zernike_radius 为 0 时的 Zernike 圆盘半径</translation>
    </message>
    <message>
        <source>name of the count and of the marking column</source>
        <translation>计数及标记列的名称</translation>
    </message>
    <message>
        <source>neighbours closer than this are bonded to the dopant</source>
        <translation>距离小于此值的近邻视为与掺杂原子成键</translation>
    </message>
    <message>
        <source>odd width of the intensity patch (3 = 9 features)</source>
        <translation>强度图块的奇数宽度（3 = 9 个特征）</translation>
    </message>
    <message>
        <source>peak height over the local background, in noise standard deviations</source>
        <translation>峰值高出局部背景的程度，以噪声标准差为单位</translation>
    </message>
    <message>
        <source>poisson: final maximum-likelihood pass with standard errors and Cramer-Rao bounds</source>
        <translation>poisson：最后一轮最大似然精修，给出标准误差和 Cramér-Rao 界</translation>
    </message>
    <message>
        <source>refinement: Poisson maximum likelihood (errors and Cramer-Rao bounds) or least squares</source>
        <translation>精修：泊松最大似然（误差和 Cramér-Rao 界）或最小二乘</translation>
    </message>
    <message>
        <source>refit columns whose width or position ran off, with the typical sigma fixed</source>
        <translation>以固定的典型 sigma 重新拟合宽度或位置跑偏的原子列</translation>
    </message>
    <message>
        <source>refit with neighbouring columns&apos; Gaussians subtracted</source>
        <translation>扣除相邻原子列的高斯后重新拟合</translation>
    </message>
    <message>
        <source>refit with the neighbours&apos; Gaussians subtracted</source>
        <translation>扣除近邻的高斯后重新拟合</translation>
    </message>
    <message>
        <source>result column name (default: the model&apos;s name)</source>
        <translation>结果列名称（默认：模型名称）</translation>
    </message>
    <message>
        <source>result column; empty = the atom class</source>
        <translation>结果列；留空 = 原子类别</translation>
    </message>
    <message>
        <source>shipped name, card path or model folder</source>
        <translation>内置名称、模型卡路径或模型文件夹</translation>
    </message>
    <message>
        <source>with a given gain</source>
        <translation>在给定增益时</translation>
    </message>
    <message>
        <source>Bhattacharyya</source>
        <translation>Bhattacharyya</translation>
    </message>
    <message>
        <source>bond lengths</source>
        <translation>键长</translation>
    </message>
    <message>
        <source>bonds</source>
        <translation>个键</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>lattice constants</source>
        <translation>晶格常数</translation>
    </message>
    <message>
        <source>noise sd</source>
        <translation>噪声标准差</translation>
    </message>
    <message>
        <source>periods</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>px</source>
        <translation>px</translation>
    </message>
    <message>
        <source>sigma</source>
        <translation>sigma</translation>
    </message>
    <message>
        <source>units</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>units/e</source>
        <translation>单位/e</translation>
    </message>
    <message>
        <source>x bond</source>
        <translation>x 键长</translation>
    </message>
    <message>
        <source>x median</source>
        <translation>x 中位数</translation>
    </message>
    <message>
        <source>Per-node descriptors: intensity patch, rotation-invariant Zernike moments, coordination, bond and angle statistics, strain (descriptors.csv); without an image only the geometry</source>
        <translation>逐节点描述符：强度图块、旋转不变的 Zernike 矩、配位数、键与键角统计、应变（descriptors.csv）；无图像时仅几何特征</translation>
    </message>
</context>
<context>
    <name>atomlens::LatticeSceneView</name>
    <message>
        <source>x, y: %1</source>
        <translation>x, y：%1</translation>
    </message>
    <message>
        <source>   up: frame 0 to %1, coloured by time (purple first, yellow last)</source>
        <translation>   向上：第 0 帧到第 %1 帧，按时间着色（先紫后黄）</translation>
    </message>
    <message>
        <source>   all tracks that appear or vanish; 1 in %1 of the %2 seen in every frame</source>
        <translation>   显示所有出现或消失的轨迹；每帧都可见的 %2 条中每 %1 条显示 1 条</translation>
    </message>
</context>
<context>
    <name>atomlens::PlotPanel</name>
    <message>
        <source>Bond lengths</source>
        <translation>键长</translation>
    </message>
    <message>
        <source>Bond angles</source>
        <translation>键角</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Counts per frame</source>
        <translation>每帧计数</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Bond lengths (%1 bonds)</source>
        <translation>键长（%1 个键）</translation>
    </message>
    <message>
        <source>Bond length</source>
        <translation>键长</translation>
    </message>
    <message>
        <source>Bond angle</source>
        <translation>键角</translation>
    </message>
    <message>
        <source>Atoms per class</source>
        <translation>各类别原子数</translation>
    </message>
    <message>
        <source>Atoms</source>
        <translation>原子</translation>
    </message>
    <message>
        <source>detected atoms</source>
        <translation>检测到的原子</translation>
    </message>
</context>
<context>
    <name>atomlens::PlotWidget</name>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
</context>
<context>
    <name>atomlens::gui</name>
    <message>
        <source>this AtomLens was built without LibTorch</source>
        <translation>此 AtomLens 构建时未包含 LibTorch</translation>
    </message>
    <message>
        <source>Network &amp;Device</source>
        <translation>网络设备(&amp;D)</translation>
    </message>
    <message>
        <source>Where the FCN detector and the EGNN models run</source>
        <translation>FCN 检测器和 EGNN 模型的运行位置</translation>
    </message>
    <message>
        <source>&amp;Automatic (GPU when available)</source>
        <translation>自动（有 GPU 时使用 GPU）(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;CPU</source>
        <translation>&amp;CPU</translation>
    </message>
    <message>
        <source>CUDA &amp;GPU</source>
        <translation>CUDA GPU(&amp;G)</translation>
    </message>
    <message>
        <source>Network device</source>
        <translation>网络设备</translation>
    </message>
    <message>
        <source>Cannot use this device: %1</source>
        <translation>无法使用此设备：%1</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::AnalysisPanel</name>
    <message>
        <source>Detect atoms</source>
        <translation>检测原子</translation>
    </message>
    <message>
        <source>Find the atom columns in the current frame (no settings needed)</source>
        <translation>在当前帧中寻找原子列（无需设置）</translation>
    </message>
    <message>
        <source>Open an image first, or wait for the running job.</source>
        <translation>请先打开图像，或等待当前任务完成。</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>An analysis step; its settings appear below</source>
        <translation>一个分析步骤；其设置显示在下方</translation>
    </message>
    <message>
        <source>Run step</source>
        <translation>运行步骤</translation>
    </message>
    <message>
        <source>Run the selected step with these settings on the current atoms</source>
        <translation>用这些设置对当前原子运行所选步骤</translation>
    </message>
    <message>
        <source>Task chain</source>
        <translation>任务链</translation>
    </message>
    <message>
        <source>A task chain (YAML): detection, graph, sub-models and counting rules in order</source>
        <translation>任务链（YAML）：依次执行检测、图、子模型和计数规则</translation>
    </message>
    <message>
        <source>Open chain file...</source>
        <translation>打开任务链文件...</translation>
    </message>
    <message>
        <source>Run chain</source>
        <translation>运行任务链</translation>
    </message>
    <message>
        <source>Run every step of the chain on the current frame</source>
        <translation>对当前帧运行任务链的每个步骤</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the running job (Esc)</source>
        <translation>停止当前任务（Esc）</translation>
    </message>
    <message>
        <source>What the last run did appears here.</source>
        <translation>上次运行的结果显示在这里。</translation>
    </message>
    <message>
        <source>Open Task Chain</source>
        <translation>打开任务链</translation>
    </message>
    <message>
        <source>Task chains (*.yaml *.yml)</source>
        <translation>任务链 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>%1: cannot be read</source>
        <translation>%1：无法读取</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::BatchDialog</name>
    <message>
        <source>skipped (done)</source>
        <translation>已跳过（已完成）</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批处理</translation>
    </message>
    <message>
        <source>Add Files...</source>
        <translation>添加文件...</translation>
    </message>
    <message>
        <source>Add micrographs or list files (one path per line); a stack adds every frame</source>
        <translation>添加显微图像或列表文件（每行一个路径）；图像堆栈会添加每一帧</translation>
    </message>
    <message>
        <source>Add Folder...</source>
        <translation>添加文件夹...</translation>
    </message>
    <message>
        <source>Add every micrograph in a folder (not recursive)</source>
        <translation>添加文件夹中的所有显微图像（不递归）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Atoms</source>
        <translation>原子</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Double-click an item to open its micrograph</source>
        <translation>双击某项以打开其显微图像</translation>
    </message>
    <message>
        <source>Task chain run on every item</source>
        <translation>对每一项运行的任务链</translation>
    </message>
    <message>
        <source>Other...</source>
        <translation>其他...</translation>
    </message>
    <message>
        <source>Task chain:</source>
        <translation>任务链：</translation>
    </message>
    <message>
        <source>Folder for one sub-folder per item and the merged tables</source>
        <translation>用于存放每项子文件夹和合并表的文件夹</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>输出文件夹：</translation>
    </message>
    <message>
        <source>Add micrographs, pick a chain and an output folder, then Start.</source>
        <translation>添加显微图像，选择任务链和输出文件夹，然后点击开始。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Run the chain on every item; finished items of an earlier run are skipped</source>
        <translation>对每一项运行任务链；之前运行中已完成的项将被跳过</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop after the running item is abandoned; Start again resumes</source>
        <translation>停止（放弃当前项）；再次点击开始可继续</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>等待中</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) in the queue.</source>
        <translation>
            <numerusform>队列中有 %n 项。</numerusform>
        </translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>The queue is empty: add files or a folder first.</source>
        <translation>队列为空：请先添加文件或文件夹。</translation>
    </message>
    <message>
        <source>Choose an output folder first.</source>
        <translation>请先选择输出文件夹。</translation>
    </message>
    <message>
        <source>Running...</source>
        <translation>正在运行...</translation>
    </message>
    <message>
        <source>Finished: %1 done, %2 skipped (already done), %3 failed. Merged table: %4</source>
        <translation>完成：%1 项完成，%2 项跳过（已完成），%3 项失败。合并表：%4</translation>
    </message>
    <message>
        <source>Canceled: %1 done, %2 skipped; Start resumes. Merged table: %3</source>
        <translation>已取消：%1 项完成，%2 项跳过；点击开始可继续。合并表：%3</translation>
    </message>
    <message>
        <source>Add Micrographs or Lists</source>
        <translation>添加显微图像或列表</translation>
    </message>
    <message>
        <source>Add Folder</source>
        <translation>添加文件夹</translation>
    </message>
    <message>
        <source>Task Chain</source>
        <translation>任务链</translation>
    </message>
    <message>
        <source>Task chains (*.yaml *.yml)</source>
        <translation>任务链 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Output Folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Submit to Slurm...</source>
        <translation>提交到 Slurm...</translation>
    </message>
    <message>
        <source>Run the queue on a Slurm cluster as a job array (atomlens-cli batch --slurm)</source>
        <translation>将队列作为作业阵列在 Slurm 集群上运行（atomlens-cli batch --slurm）</translation>
    </message>
    <message>
        <source>A local run is going on: cancel it or wait before submitting to Slurm.</source>
        <translation>本地运行正在进行：提交到 Slurm 之前请取消或等待。</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Slurm array job %1</source>
        <translation>Slurm 阵列作业 %1</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::DetectorRefiner</name>
    <message>
        <source>Open a micrograph first.</source>
        <translation>请先打开一张显微图像。</translation>
    </message>
    <message>
        <source>The detector is being refined already.</source>
        <translation>检测器正在改进中。</translation>
    </message>
    <message>
        <source>Give the new detector a name and a folder.</source>
        <translation>请为新检测器指定名称和文件夹。</translation>
    </message>
    <message>
        <source>Refining the detector needs at least 5 atoms on the frame (it has %1).</source>
        <translation>改进检测器需要本帧至少有 5 个原子（当前 %1 个）。</translation>
    </message>
    <message>
        <source>Refine detector</source>
        <translation>改进检测器</translation>
    </message>
    <message>
        <source>%1 steps in %2 s on %3 atoms, loss %4 -&gt; %5</source>
        <translation>%1 步，用时 %2 秒，%3 个原子，损失 %4 -&gt; %5</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::DisplayController</name>
    <message>
        <source> Colour map: </source>
        <translation> 色图： </translation>
    </message>
    <message>
        <source>Colour map of the image</source>
        <translation>图像的色图</translation>
    </message>
    <message>
        <source> Gamma: </source>
        <translation> 伽马： </translation>
    </message>
    <message>
        <source>Gamma of the display (contrast limits: View &gt; Auto Contrast)</source>
        <translation>显示的伽马值（对比度范围：视图 &gt; 自动对比度）</translation>
    </message>
    <message>
        <source> Frame: </source>
        <translation> 帧： </translation>
    </message>
    <message>
        <source>Frame of a stack</source>
        <translation>图像栈中的帧</translation>
    </message>
    <message>
        <source>%1 x %2 px, %3 frame(s), %4</source>
        <translation>%1 x %2 像素，%3 帧，%4</translation>
    </message>
    <message>
        <source>%1 %2/px</source>
        <translation>%1 %2/像素</translation>
    </message>
    <message>
        <source>uncalibrated (Image &gt; Set Pixel Size)</source>
        <translation>未标定（图像 &gt; 设置像素尺寸）</translation>
    </message>
    <message>
        <source> Frame %1/%2 </source>
        <translation> 帧 %1/%2 </translation>
    </message>
    <message>
        <source>x %1  y %2 px</source>
        <translation>x %1  y %2 像素</translation>
    </message>
    <message>
        <source>  (%1, %2 %3)</source>
        <translation>  (%1, %2 %3)</translation>
    </message>
    <message>
        <source>  value %1</source>
        <translation>  值 %1</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::DopantFinder</name>
    <message>
        <source>Find dopants</source>
        <translation>寻找掺杂原子</translation>
    </message>
    <message>
        <source>%1 dopant(s): %2 three-fold, %3 four-fold (bond %4 px)</source>
        <translation>%1 个掺杂原子：%2 个三配位，%3 个四配位（键长 %4 px）</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::EditToolController</name>
    <message>
        <source>class 1</source>
        <translation>类别 1</translation>
    </message>
    <message>
        <source>Atom added and refined; Ctrl+Z undoes.</source>
        <translation>已添加并精修原子；Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Labelled as %1 (%2 labels).</source>
        <translation>已标注为 %1（共 %2 个标注）。</translation>
    </message>
    <message>
        <source>No atom here: a site labelled %1 was placed; Ctrl+Z undoes.</source>
        <translation>此处没有原子：已放置一个标注为 %1 的位置；Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <source>Atom %1 at (%2, %3) px: %4, confidence %5, sigma %6 px</source>
        <translation>原子 %1 位于 (%2, %3) 像素：%4，置信度 %5，sigma %6 像素</translation>
    </message>
    <message>
        <source>unclassified</source>
        <translation>未分类</translation>
    </message>
    <message>
        <source>Atom moved and refined with its neighbours; Ctrl+Z undoes.</source>
        <translation>已移动原子并与近邻一起精修；Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>%1 atoms labelled as %2; Ctrl+Z undoes.</source>
        <translation>已将 %1 个原子标注为 %2；Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>Drag to pan, wheel to zoom, click an atom to see it</source>
        <translation>拖动平移，滚轮缩放，点击原子查看信息</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Click to add an atom (refined to the column)</source>
        <translation>点击添加原子（精修到原子列）</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>Drag an atom to move it (refined again locally)</source>
        <translation>拖动原子以移动（局部重新精修）</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Click atoms to give them the selected class</source>
        <translation>点击原子赋予所选类别</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>套索</translation>
    </message>
    <message>
        <source>Draw around atoms to give them all the selected class</source>
        <translation>圈选原子，全部赋予所选类别</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::ExportController</name>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Export Figure</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Resolution (DPI) for a 6.5 inch wide figure:</source>
        <translation>6.5 英寸宽图像的分辨率（DPI）：</translation>
    </message>
    <message>
        <source>Export Table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>CSV table (*.csv);;JSON (*.json)</source>
        <translation>CSV 表格 (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Pixel size set to %1 %2 (kept in the project).</source>
        <translation>像素尺寸已设为 %1 %2（保存在项目中）。</translation>
    </message>
    <message>
        <source>Set Pixel Size</source>
        <translation>设置像素尺寸</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <source>Size of one pixel in %1:</source>
        <translation>单个像素的尺寸（%1）：</translation>
    </message>
    <message>
        <source>%1 %2 is not a pixel size.</source>
        <translation>%1 %2 不是有效的像素尺寸。</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::FewShotPanel</name>
    <message>
        <source>Choose a class, then click atoms (Label tool) or draw around many (Lasso tool). Double-click a class to rename it.</source>
        <translation>选择一个类别，然后点击原子（标注工具）或圈选多个原子（套索工具）。双击类别可重命名。</translation>
    </message>
    <message>
        <source>The class that labelling gives; number keys 1-9 pick the same classes</source>
        <translation>标注时赋予的类别；数字键 1-9 对应相同的类别</translation>
    </message>
    <message>
        <source>Add class</source>
        <translation>添加类别</translation>
    </message>
    <message>
        <source>Remove class</source>
        <translation>删除类别</translation>
    </message>
    <message>
        <source>Add a class name</source>
        <translation>添加一个类别名称</translation>
    </message>
    <message>
        <source>Remove the selected class (its atoms become unclassified)</source>
        <translation>删除所选类别（其原子变为未分类）</translation>
    </message>
    <message>
        <source>Add Class</source>
        <translation>添加类别</translation>
    </message>
    <message>
        <source>Class name:</source>
        <translation>类别名称：</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Optimiser steps over the labelled graph</source>
        <translation>在已标注图上的优化步数</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>Train a sub-model on your labels in the background (the current model, if any, is the start)</source>
        <translation>在后台用您的标注训练子模型（如有当前模型则以其为起点）</translation>
    </message>
    <message>
        <source>Apply &amp;&amp; compare</source>
        <translation>应用并比较</translation>
    </message>
    <message>
        <source>Use the new model&apos;s predictions; atoms whose class changed are ringed in magenta</source>
        <translation>使用新模型的预测；类别改变的原子以品红色圆圈标出</translation>
    </message>
    <message>
        <source>Save model...</source>
        <translation>保存模型...</translation>
    </message>
    <message>
        <source>Save the fine-tuned model as a new sub-model (card + weights)</source>
        <translation>将微调后的模型保存为新的子模型（模型卡 + 权重）</translation>
    </message>
    <message>
        <source>This build has no networks (LibTorch): labelling works, fine-tuning does not.</source>
        <translation>此版本不含神经网络（LibTorch）：可以标注，但不能微调。</translation>
    </message>
    <message>
        <source>Key %1</source>
        <translation>按键 %1</translation>
    </message>
    <message>
        <source>Fine-tuning on %1 labels...</source>
        <translation>正在用 %1 个标注微调...</translation>
    </message>
    <message>
        <source>Save Sub-model As</source>
        <translation>子模型另存为</translation>
    </message>
    <message>
        <source>my-model</source>
        <translation>我的模型</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop fine-tuning; the previous model and its results stay</source>
        <translation>停止微调；之前的模型及其结果保留</translation>
    </message>
    <message>
        <source>Another job is running (%1): wait for it or cancel it.</source>
        <translation>另一个任务正在运行（%1）：请等待或取消它。</translation>
    </message>
    <message>
        <source>preparing the graph</source>
        <translation>正在准备图</translation>
    </message>
    <message>
        <source>Applied: %1 atoms classified for the first time, %2 changed class (ringed in magenta).</source>
        <translation>已应用：%1 个原子首次分类，%2 个更改了类别（洋红色圆圈标出）。</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::FewShotTrainer</name>
    <message>
        <source>Label atoms of at least two classes first.</source>
        <translation>请先标注至少两个类别的原子。</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>Fine-tuned on %1 labels: accuracy %2</source>
        <translation>已用 %1 个标注微调：准确率 %2</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Fine-tuning cancelled: the previous model and its results are kept.</source>
        <translation>微调已取消：保留之前的模型及其结果。</translation>
    </message>
    <message>
        <source>Apply fine-tuned model</source>
        <translation>应用微调后的模型</translation>
    </message>
    <message>
        <source>fine-tuned (unsaved)</source>
        <translation>已微调（未保存）</translation>
    </message>
    <message>
        <source>Nothing to save: fine-tune first.</source>
        <translation>没有可保存的内容：请先微调。</translation>
    </message>
    <message>
        <source>This build has no networks.</source>
        <translation>此版本不包含神经网络。</translation>
    </message>
    <message>
        <source>Restore fine-tuned model</source>
        <translation>恢复微调模型</translation>
    </message>
    <message>
        <source>Fine-tuned model restored from the project (accuracy %1)</source>
        <translation>已从项目恢复微调模型（准确率 %1）</translation>
    </message>
    <message>
        <source>Kept the base model: it gets %1 of your %2 labels right, fine-tuning only %3 on held-out labels</source>
        <translation>保留基础模型：它对您的 %2 个标签中的 %1 分类正确，而微调在留出标签上仅为 %3</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::FileController</name>
    <message>
        <source>Open Micrograph or Project</source>
        <translation>打开显微图像或项目</translation>
    </message>
    <message>
        <source>Micrographs and projects (%1 *.atomlens);;All files (*)</source>
        <translation>显微图像和项目 (%1 *.atomlens);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Detecting atoms... (the window stays usable; Esc cancels)</source>
        <translation>正在检测原子...（窗口仍可使用；Esc 取消）</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::GraphUpdater</name>
    <message>
        <source>Update graph</source>
        <translation>更新图</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::ImageLoader</name>
    <message>
        <source>Opening %1...</source>
        <translation>正在打开 %1...</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::JobMessages</name>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1 - %2 atoms. Warning: %3 (Log tab)</source>
        <translation>%1 - %2 个原子。警告：%3（日志选项卡）</translation>
    </message>
    <message>
        <source>%1 - %2 atoms. Next: review (Review tab, keys N/A/R), label (L), or File &gt; Export Figure.</source>
        <translation>%1 - %2 个原子。下一步：审核（审核标签页，按键 N/A/R）、标注（L）或 文件 &gt; 导出图像。</translation>
    </message>
    <message>
        <source>Warning (%1): %2 - see the Log tab</source>
        <translation>警告（%1）：%2 - 见日志选项卡</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::JobRunner</name>
    <message>
        <source>%1: cancelled</source>
        <translation>%1：已取消</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1：完成</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::LayerPanel</name>
    <message>
        <source>unclassified (%1)</source>
        <translation>未分类 (%1)</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>reviewed (white dot)</source>
        <translation>已审核（白点）</translation>
    </message>
    <message>
        <source>changed by the last model</source>
        <translation>被上一个模型改变</translation>
    </message>
    <message>
        <source>empty ideal site (%1)</source>
        <translation>空的理想位 (%1)</translation>
    </message>
    <message>
        <source>%1-ring</source>
        <translation>%1 元环</translation>
    </message>
    <message>
        <source>dilatation -5% ... +5%</source>
        <translation>体应变 -5% ... +5%</translation>
    </message>
    <message>
        <source>Atoms</source>
        <translation>原子</translation>
    </message>
    <message>
        <source>Atoms coloured by class; faint = low confidence</source>
        <translation>按类别着色的原子；颜色浅 = 置信度低</translation>
    </message>
    <message>
        <source>Bonds</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Neighbour bonds of the lattice graph (shown when zoomed in)</source>
        <translation>晶格图的近邻键（放大时显示）</translation>
    </message>
    <message>
        <source>Rings</source>
        <translation>环</translation>
    </message>
    <message>
        <source>Rings of the graph filled by size; the lattice&apos;s own size stays clear</source>
        <translation>按大小填充的图环；晶格自身的环大小保持透明</translation>
    </message>
    <message>
        <source>Ideal / vacancy sites</source>
        <translation>理想位 / 空位</translation>
    </message>
    <message>
        <source>Ideal lattice sites with no atom (vacancy candidates)</source>
        <translation>没有原子的理想晶格位（空位候选）</translation>
    </message>
    <message>
        <source>Strain map</source>
        <translation>应变图</translation>
    </message>
    <message>
        <source>Local dilatation (exx + eyy) / 2 against the image&apos;s median lattice</source>
        <translation>相对于图像中位晶格的局部体应变 (exx + eyy) / 2</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::LogPanel</name>
    <message>
        <source>What the engine reported for the open file (warnings in orange)</source>
        <translation>引擎对当前文件的报告（警告以橙色显示）</translation>
    </message>
    <message>
        <source>Error: </source>
        <translation>错误：</translation>
    </message>
    <message>
        <source>Warning: </source>
        <translation>警告：</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::MainWindow</name>
    <message>
        <source>AtomLens</source>
        <translation>AtomLens</translation>
    </message>
    <message>
        <source>AtomLens - %1</source>
        <translation>AtomLens - %1</translation>
    </message>
    <message>
        <source>Open a micrograph (File &gt; Open, or drop a file here): atoms are detected at once.</source>
        <translation>打开显微图像（文件 &gt; 打开，或将文件拖到此处）：将立即检测原子。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>打开(&amp;O)...</translation>
    </message>
    <message>
        <source>Open a micrograph (DM3/DM4, EMD, SER, MRC, TIFF, PNG...) or a project</source>
        <translation>打开显微图像（DM3/DM4、EMD、SER、MRC、TIFF、PNG...）或项目</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save Project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save image path, atoms, labels, models, chain and view as a project</source>
        <translation>将图像路径、原子、标注、模型、任务链和视图保存为项目</translation>
    </message>
    <message>
        <source>Save Project &amp;As...</source>
        <translation>项目另存为(&amp;A)...</translation>
    </message>
    <message>
        <source>&amp;Export Figure...</source>
        <translation>导出图像(&amp;E)...</translation>
    </message>
    <message>
        <source>Annotated figure (PNG with chosen DPI, SVG or PDF) with scale bar and legend</source>
        <translation>带比例尺和图例的标注图（指定 DPI 的 PNG、SVG 或 PDF）</translation>
    </message>
    <message>
        <source>Export Visible &amp;Region...</source>
        <translation>导出可见区域(&amp;R)...</translation>
    </message>
    <message>
        <source>Export &amp;Table...</source>
        <translation>导出表格(&amp;T)...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;3-D View</source>
        <translation>三维视图(&amp;3)</translation>
    </message>
    <message>
        <source>&amp;Fit Image</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Auto Contrast</source>
        <translation>自动对比度(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Detect Atoms</source>
        <translation>检测原子(&amp;D)</translation>
    </message>
    <message>
        <source>Find the atom columns in the current frame (no settings needed)</source>
        <translation>在当前帧中寻找原子列（无需设置）</translation>
    </message>
    <message>
        <source>&amp;Classify With</source>
        <translation>分类模型(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Track Series</source>
        <translation>跟踪序列(&amp;T)</translation>
    </message>
    <message>
        <source>Drift correction, atom tracking and per-site history of the open frame stack; time curves in the Plots dock</source>
        <translation>对打开的帧堆栈进行漂移校正、原子跟踪和逐位点历史分析；时间曲线显示在图表面板中</translation>
    </message>
    <message>
        <source>Track &amp;Dopant Switches</source>
        <translation>跟踪掺杂转换(&amp;D)</translation>
    </message>
    <message>
        <source>Si 3-fold &lt;-&gt; 4-fold coordination switches through the open frame stack</source>
        <translation>打开的帧堆栈中 Si 三配位与四配位之间的转换</translation>
    </message>
    <message>
        <source>Cancel Series &amp;Tracking</source>
        <translation>取消序列跟踪(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Cancel Job</source>
        <translation>取消任务(&amp;C)</translation>
    </message>
    <message>
        <source>Stop the running job</source>
        <translation>停止当前任务</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>审核(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>下一个(&amp;N)</translation>
    </message>
    <message>
        <source>Next uncertain atom</source>
        <translation>下一个不确定的原子</translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation>上一个(&amp;P)</translation>
    </message>
    <message>
        <source>Previous atom</source>
        <translation>上一个原子</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>接受(&amp;A)</translation>
    </message>
    <message>
        <source>Accept the prediction</source>
        <translation>接受预测</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>拒绝(&amp;R)</translation>
    </message>
    <message>
        <source>Not an atom</source>
        <translation>不是原子</translation>
    </message>
    <message>
        <source>&amp;Delete Atom</source>
        <translation>删除原子(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the current atom</source>
        <translation>删除当前原子</translation>
    </message>
    <message>
        <source>Re&amp;label As</source>
        <translation>重新标注为(&amp;L)</translation>
    </message>
    <message>
        <source>Class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Batch...</source>
        <translation>批处理(&amp;B)...</translation>
    </message>
    <message>
        <source>Run a task chain over many micrographs (queue with progress, cancel and resume)</source>
        <translation>对多幅显微图像运行任务链（带进度、取消和继续的队列）</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Detect Atoms on &amp;Open</source>
        <translation>打开时检测原子(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quick Start</source>
        <translation>快速入门(&amp;Q)</translation>
    </message>
    <message>
        <source>Quick Start</source>
        <translation>快速入门</translation>
    </message>
    <message>
        <source>1. Open a micrograph: atoms are detected at once.
2. Review: the Review tab lists the least certain atoms; N/P move, A accepts, R rejects, 1-9 relabel.
3. Label for few-shot: pick a class in the Few-shot tab, use the Label or Lasso tool, then Fine-tune.
4. File &gt; Export Figure writes a PNG/SVG/PDF with scale bar and legend.</source>
        <translation>1. 打开显微图像：立即检测原子。
2. 审核：审核标签页列出最不确定的原子；N/P 切换，A 接受，R 拒绝，1-9 重新标注。
3. 小样本标注：在小样本标签页选择类别，使用标注或套索工具，然后微调。
4. 文件 &gt; 导出图像 可写出带比例尺和图例的 PNG/SVG/PDF。</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Few-shot</source>
        <translation>小样本</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation>图像(&amp;I)</translation>
    </message>
    <message>
        <source>Set &amp;Pixel Size...</source>
        <translation>设置像素尺寸(&amp;P)...</translation>
    </message>
    <message>
        <source>Calibrate an image without (or with a wrong) pixel size: scale bar, tables and exports use it; kept in the project</source>
        <translation>为没有（或有错误）像素尺寸的图像设置标定：比例尺、表格和导出均使用它；保存在项目中</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Find dopants</source>
        <translation>寻找掺杂原子</translation>
    </message>
    <message>
        <source>&amp;Dopant Layer</source>
        <translation>掺杂原子图层(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Signal</source>
        <translation>信号(&amp;S)</translation>
    </message>
    <message>
        <source>The images of a multi-signal file (HAADF, DF, EDS maps): show another one</source>
        <translation>多信号文件中的图像（HAADF、DF、EDS 图）：显示另一幅</translation>
    </message>
    <message>
        <source>Find Dopants (&amp;Graphene)</source>
        <translation>寻找掺杂原子（石墨烯）(&amp;G)</translation>
    </message>
    <message>
        <source>Si dopants in graphene with their 3-fold / 4-fold coordination and a confidence, shown on the dopant layer</source>
        <translation>石墨烯中的 Si 掺杂原子及其三/四配位和置信度，显示在掺杂原子图层上</translation>
    </message>
    <message>
        <source>Apply model to all frames</source>
        <translation>将模型应用于所有帧</translation>
    </message>
    <message>
        <source>Apply Model to &amp;All Frames</source>
        <translation>将模型应用于所有帧(&amp;A)</translation>
    </message>
    <message>
        <source>Classify every frame of the stack with the sub-model in use (or the fine-tuned one): predictions, never over labels; Esc cancels</source>
        <translation>用当前子模型（或微调后的模型）对图像序列的每一帧分类：仅为预测，从不覆盖标注；Esc 取消</translation>
    </message>
    <message>
        <source>&amp;Vacancy Lines</source>
        <translation>空位线(&amp;V)</translation>
    </message>
    <message>
        <source>Vacancy lines and line events found by Track Series, on the frame shown</source>
        <translation>“跟踪序列”找到的空位线和空位线事件，显示在当前帧上</translation>
    </message>
    <message>
        <source>Refining the detector failed: %1</source>
        <translation>改进检测器失败：%1</translation>
    </message>
    <message>
        <source>Refine detector</source>
        <translation>改进检测器</translation>
    </message>
    <message>
        <source>%1; detecting with %2</source>
        <translation>%1；使用 %2 检测</translation>
    </message>
    <message>
        <source>Detector refined (%1); detecting again with it</source>
        <translation>检测器已改进（%1）；正在用它重新检测</translation>
    </message>
    <message>
        <source>Refine Detector</source>
        <translation>改进检测器</translation>
    </message>
    <message>
        <source>Fine-tune the atom finder on this frame, with its atoms as they are now (kept, moved, added; deleted ones count as &quot;no atom&quot;). Name of the new detector (saved in %1):</source>
        <translation>用本帧当前的原子微调原子查找器（保留、移动、添加的原子；删除的视为“无原子”）。新检测器的名称（保存在 %1）：</translation>
    </message>
    <message>
        <source>Refining the detector on this frame&apos;s %1 atoms...</source>
        <translation>正在用本帧的 %1 个原子改进检测器...</translation>
    </message>
    <message>
        <source>Detecting with the default detector again</source>
        <translation>重新使用默认检测器进行检测</translation>
    </message>
    <message>
        <source>&amp;Refine Detector From My Atoms...</source>
        <translation>用我的原子改进检测器(&amp;R)...</translation>
    </message>
    <message>
        <source>Fine-tune the atom finder on this frame with its atoms as you corrected them, then detect with it (a new detector in your model folder)</source>
        <translation>用您校正后的本帧原子微调原子查找器，然后用它检测（在您的模型文件夹中生成新检测器）</translation>
    </message>
    <message>
        <source>Use the De&amp;fault Detector</source>
        <translation>使用默认检测器(&amp;F)</translation>
    </message>
    <message>
        <source>Forget the refined detector: detect with the default settings again</source>
        <translation>忘记改进后的检测器：重新使用默认设置检测</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::ParamForm</name>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::PlotsController</name>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Track Series needs a frame stack (a multi-frame file): open one first.</source>
        <translation>跟踪序列需要帧堆栈（多帧文件）：请先打开一个。</translation>
    </message>
    <message>
        <source>A series analysis is already running.</source>
        <translation>序列分析已在运行。</translation>
    </message>
    <message>
        <source>Tracking the series on a worker thread...</source>
        <translation>正在后台线程中跟踪序列...</translation>
    </message>
    <message>
        <source>AtomLens 3-D View</source>
        <translation>AtomLens 三维视图</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::ProjectController</name>
    <message>
        <source>AtomLens</source>
        <translation>AtomLens</translation>
    </message>
    <message>
        <source>%1 has unsaved changes (edits, review decisions or labels). Save the project first?</source>
        <translation>%1 有未保存的更改（编辑、审核决定或标注）。是否先保存项目？</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>AtomLens projects (*.atomlens)</source>
        <translation>AtomLens 项目 (*.atomlens)</translation>
    </message>
    <message>
        <source>The micrograph of %1 is not where it was:
%2

Locate it to open the project (its atoms, labels and decisions are kept).</source>
        <translation>%1 的显微图像不在原位置：
%2

请查找它以打开项目（其原子、标注和决定均会保留）。</translation>
    </message>
    <message>
        <source>Locate Image...</source>
        <translation>查找图像...</translation>
    </message>
    <message>
        <source>Locate Image</source>
        <translation>查找图像</translation>
    </message>
    <message>
        <source>%1 (%1);;All files (*)</source>
        <translation>%1 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1: its micrograph %2 was not found (moved or renamed?). Open the project again and choose Locate Image... to say where it is now.</source>
        <translation>%1：未找到其显微图像 %2（已移动或重命名？）。请重新打开项目并选择“查找图像...”指明其当前位置。</translation>
    </message>
    <message>
        <source>Recovered the autosaved work (not saved yet): File &gt; Save Project keeps it.</source>
        <translation>已恢复自动保存的工作（尚未保存）：文件 &gt; 保存项目 可保留它。</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
    <message>
        <source>AtomLens did not close properly last time. Recover the autosaved work?</source>
        <translation>AtomLens 上次未正常关闭。要恢复自动保存的工作吗？</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::ReviewPanel</name>
    <message>
        <source>Only review atoms of this class</source>
        <translation>只审核此类别的原子</translation>
    </message>
    <message>
        <source>Only review predictions with a confidence in this range</source>
        <translation>只审核置信度在此范围内的预测</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Confidence from</source>
        <translation>置信度从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Prev</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Previous atom in the queue (P)</source>
        <translation>队列中的上一个原子（P）</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Next atom in the queue (N)</source>
        <translation>队列中的下一个原子（N）</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Accept the prediction (A)</source>
        <translation>接受预测（A）</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Not an atom (R)</source>
        <translation>不是原子（R）</translation>
    </message>
    <message>
        <source>The least certain detections first; click one to go there</source>
        <translation>最不确定的检测排在最前；点击即可跳转</translation>
    </message>
    <message>
        <source>Keys: N/P next/previous, A accept, R reject, 1-9 relabel, Del delete.</source>
        <translation>按键：N/P 下一个/上一个，A 接受，R 拒绝，1-9 重新标注，Del 删除。</translation>
    </message>
    <message>
        <source>all classes</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>unclassified</source>
        <translation>未分类</translation>
    </message>
    <message>
        <source>%1 atoms to review</source>
        <translation>%1 个原子待审核</translation>
    </message>
    <message>
        <source>%1 atoms to review. This one is cut by the image edge: its class is less certain than its confidence says.</source>
        <translation>待审核原子 %1 个。此原子被图像边缘截断：其类别的可靠性低于置信度所示。</translation>
    </message>
    <message>
        <source>Key %1 relabels as class %1, but there are no classes yet: add them in the Few-shot tab (Add class) or classify with a model.</source>
        <translation>按键 %1 会重新标注为第 %1 类，但尚无类别：请在少样本选项卡中添加（添加类别），或用模型分类。</translation>
    </message>
    <message>
        <source>Key %1 does nothing: there are only %2 classes (keys 1-%2).</source>
        <translation>按键 %1 无效：只有 %2 个类别（按键 1-%2）。</translation>
    </message>
    <message>
        <source>Nothing to relabel: the review queue is empty (see its filters).</source>
        <translation>没有可重新标注的内容：审核队列为空（请查看其筛选条件）。</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::SeriesTracking</name>
    <message>
        <source>Track series</source>
        <translation>跟踪序列</translation>
    </message>
    <message>
        <source>%1 frames: %2 sites (%3 in every frame), %4 state changes, %5 vacancy-line events</source>
        <translation>%1 帧：%2 个位点（%3 个在每帧中），%4 次状态变化，%5 个空位线事件</translation>
    </message>
    <message>
        <source>Track dopant switches</source>
        <translation>跟踪掺杂转换</translation>
    </message>
    <message>
        <source>%1 frames: %2 dopant sites, %3 coordination switches</source>
        <translation>%1 帧：%2 个掺杂位点，%3 次配位转换</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>帧</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>switches (cumulative)</source>
        <translation>转换（累计）</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::SlurmSubmitDialog</name>
    <message>
        <source>Submit to Slurm</source>
        <translation>提交到 Slurm</translation>
    </message>
    <message>
        <source>Most array tasks; each runs a share of the unfinished items</source>
        <translation>最多阵列任务数；每个任务处理一部分未完成的项</translation>
    </message>
    <message>
        <source>Array tasks:</source>
        <translation>阵列任务数：</translation>
    </message>
    <message>
        <source>cluster default</source>
        <translation>集群默认</translation>
    </message>
    <message>
        <source>Partition:</source>
        <translation>分区：</translation>
    </message>
    <message>
        <source>e.g. 01:00:00</source>
        <translation>例如 01:00:00</translation>
    </message>
    <message>
        <source>Time limit per task:</source>
        <translation>每个任务的时限：</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未指定</translation>
    </message>
    <message>
        <source>Each task uses as many threads as it is given CPUs</source>
        <translation>每个任务使用与分配到的 CPU 数相同的线程数</translation>
    </message>
    <message>
        <source>CPUs per task:</source>
        <translation>每个任务的 CPU 数：</translation>
    </message>
    <message>
        <source>e.g. gpu:1</source>
        <translation>例如 gpu:1</translation>
    </message>
    <message>
        <source>Generic resources (GRES):</source>
        <translation>通用资源（GRES）：</translation>
    </message>
    <message>
        <source>further sbatch options, e.g. --account=lab</source>
        <translation>其他 sbatch 选项，例如 --account=lab</translation>
    </message>
    <message>
        <source>Other sbatch options:</source>
        <translation>其他 sbatch 选项：</translation>
    </message>
    <message>
        <source>Preview Scripts</source>
        <translation>预览脚本</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Write the scripts under the output folder and submit them with sbatch</source>
        <translation>将脚本写入输出文件夹并用 sbatch 提交</translation>
    </message>
    <message>
        <source>Check Status</source>
        <translation>检查状态</translation>
    </message>
    <message>
        <source>Show which items are done, failed or still on the cluster</source>
        <translation>显示哪些项已完成、失败或仍在集群上</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>atomlens-cli not found at %1: the cluster&apos;s tasks run it</source>
        <translation>在 %1 未找到 atomlens-cli：集群任务需要运行它</translation>
    </message>
    <message>
        <source>Every item is done: nothing to submit.</source>
        <translation>所有项均已完成：无需提交。</translation>
    </message>
    <message>
        <source>%1 of %2 items would run in %3 array tasks (not submitted).</source>
        <translation>%2 项中的 %1 项将在 %3 个阵列任务中运行（未提交）。</translation>
    </message>
    <message>
        <source>Submitted %1 items in %2 array tasks: array job %3, merge job %4 (writes batch.csv and merged_atoms.csv when every task succeeded).</source>
        <translation>已提交 %1 项，共 %2 个阵列任务：阵列作业 %3，合并作业 %4（所有任务成功后写出 batch.csv 和 merged_atoms.csv）。</translation>
    </message>
    <message>
        <source>Not submitted: %1</source>
        <translation>未提交：%1</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>%1 of %2 items done, %3 failed.</source>
        <translation>%2 项中 %1 项完成，%3 项失败。</translation>
    </message>
    <message>
        <source>Items: %1. Output folder: %2</source>
        <translation>项数：%1。输出文件夹：%2</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::StackClassifier</name>
    <message>
        <source>fine-tuned (unsaved)</source>
        <translation>已微调（未保存）</translation>
    </message>
    <message>
        <source>Classify with a sub-model or fine-tune one first.</source>
        <translation>请先用子模型分类，或先微调一个模型。</translation>
    </message>
    <message>
        <source>sub-model</source>
        <translation>子模型</translation>
    </message>
    <message>
        <source>Apply model to all frames</source>
        <translation>将模型应用于所有帧</translation>
    </message>
    <message>
        <source>Frame %1 of %2</source>
        <translation>第 %1 帧，共 %2 帧</translation>
    </message>
    <message>
        <source>%1 of %2 frames classified with %3; %4 changed meanwhile (run again for them)</source>
        <translation>已用 %3 分类 %2 帧中的 %1 帧；%4 帧在此期间已更改（请对其重新运行）</translation>
    </message>
    <message>
        <source>%1 of %2 frames classified with %3</source>
        <translation>已用 %3 分类 %2 帧中的 %1 帧</translation>
    </message>
    <message>
        <source>Wait for the running job (%1) or cancel it.</source>
        <translation>请等待当前任务（%1）完成或将其取消。</translation>
    </message>
    <message>
        <source>This build has no networks.</source>
        <translation>此版本不包含神经网络。</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::StepRunner</name>
    <message>
        <source>Detect atoms</source>
        <translation>检测原子</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>Run chain %1</source>
        <translation>运行任务链 %1</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::TrainingPlot</name>
    <message>
        <source>loss (red), accuracy (blue)</source>
        <translation>损失（红），准确率（蓝）</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>Loss (red) and accuracy on the labels (blue) per epoch; thin pale curves: the cross-validation folds, trained before the final fit</source>
        <translation>每轮的损失（红）和标注上的准确率（蓝）；细浅曲线：在最终拟合之前训练的交叉验证折</translation>
    </message>
    <message>
        <source>cross-validation fold %1: loss (red), accuracy (blue)</source>
        <translation>交叉验证第 %1 折：损失（红），准确率（蓝）</translation>
    </message>
</context>
</TS>
