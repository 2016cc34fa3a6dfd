#pragma once
#include <QOpenGLWidget>

#include <vtkSmartPointer.h>

class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkRenderer;
class vtkCallbackCommand;
class vtkObject;

namespace atomlens {

/// Hosts a VTK scene in a Qt6 QOpenGLWidget. Debian's VTK Qt module is built against Qt5, so this is
/// our own small adapter: a vtkGenericOpenGLRenderWindow renders into Qt's context (made current
/// only when it is not), VTK's frame is blitted into the widget's defaultFramebufferObject(), and Qt
/// mouse/wheel events are forwarded to a trackball-camera interactor style.
class VtkOpenGLWidget : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit VtkOpenGLWidget(QWidget* parent = nullptr);
    ~VtkOpenGLWidget() override;

    vtkRenderer* renderer() const;
    vtkGenericOpenGLRenderWindow* renderWindow() const;
    vtkGenericRenderWindowInteractor* interactor() const;
    /// True once initializeGL found a usable OpenGL context (VTK's requirements met).
    bool isGlReady() const { return m_glReady; }
    /// Number of frames VTK has rendered (for tests: a redraw really happened).
    int renderCount() const { return m_renderCount; }

protected:
    void initializeGL() override;
    void resizeGL(int w, int h) override;
    void paintGL() override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    static void onWindowEvent(vtkObject* caller, unsigned long eventId, void* clientData, void* callData);
    void cleanupGl();
    void onContextDestroyed(); ///< frees VTK's GL resources while the context still exists
    void forwardMouse(QMouseEvent* event, unsigned long vtkEvent);

    vtkSmartPointer<vtkGenericOpenGLRenderWindow> m_window;
    vtkSmartPointer<vtkRenderer> m_renderer;
    vtkSmartPointer<vtkGenericRenderWindowInteractor> m_interactor;
    vtkSmartPointer<vtkCallbackCommand> m_callback;
    bool m_glReady = false;
    int m_renderCount = 0;
};

} // namespace atomlens
